"""The settings file on disk: where it is, reading it, and writing the commented template.

The rules for its values are in `domain/config.py`; this module reads the file
(only a regular file, at most 1 MB, UTF-8) and hands its text to them. No Textual
here: the command line uses it too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Mapping
from pathlib import Path

from bounce_tui import paths
from bounce_tui.domain.config import Config, ConfigError, KeySlot, parse_config
from bounce_tui.domain.text import one_line

__all__ = ["CONFIG_FILENAME", "config_path", "read_config", "create_template", "MAX_BYTES"]

CONFIG_FILENAME = "config.toml"
MAX_BYTES = 1_000_000


def config_path() -> Path:
    """`config.toml` in the per-user config folder (not created)."""
    return paths.config_dir() / CONFIG_FILENAME


def read_config(
    path: Path | None = None,
    *,
    themes: Collection[str] | None = None,
    key_slots: Mapping[str, KeySlot] | None = None,
) -> Config | None:
    """The settings in the file, checked; None when there is no file.

    ConfigError (one line, naming the file) when it cannot be read or a value is wrong.
    """
    path = path or config_path()
    shown = one_line(os.fspath(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigError(f"{shown}: cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{shown}: is not a regular file")
    if info.st_size > MAX_BYTES:
        raise ConfigError(
            f"{shown}: is larger than {MAX_BYTES // 1_000_000} MB; is it the right file?"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{shown}: cannot be read ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(f"{shown} line {line}: is not UTF-8 text") from None
    return parse_config(text, shown, themes=themes, key_slots=key_slots)


def create_template(path: Path | None = None) -> bool:
    """Write the commented template at `path` (0600, its folder 0700) unless a name is there.

    Returns True when it was written. Never writes through a symbolic link.
    """
    from bounce_tui import resources

    path = path or config_path()
    paths.ensure_private_dir(path.parent)
    try:
        fd = paths.create_exclusive(path)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(resources.asset_text(CONFIG_FILENAME))
    return True
