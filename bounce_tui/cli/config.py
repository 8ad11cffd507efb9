"""`bounce config`: the settings file (path, show, edit) and the regroup template (regroup).

The settings file is `config.toml` in the config folder. A setting it gives wins
over the same setting saved in the database (by the app, or an import); one it
leaves out comes from the database, else bounce's default. The `config` commands
check the whole file (themes and keys included) and stop with exit 2 on the first
thing wrong; `bounce reject` reads only the mourning days and, when the file is
wrong, says so once on stderr and goes on as if there were no file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bounce_tui.cli.common import UsageError, database_path, say, shown_path
from bounce_tui.domain.config import Config, ConfigError, KeySlot, effective

__all__ = ["cmd_config", "file_mourning_days"]

SUBCOMMANDS = (
    ("path", "print where the settings file is"),
    ("show", "the settings in force, and where each comes from"),
    ("edit", "open the settings file in $VISUAL or $EDITOR (made first, all commented out)"),
    ("regroup", "write the built-in regroup checklist template into the config folder"),
)
_SOURCES = {"default": "built-in", "database": "saved in the database (the app, an import)"}


def cmd_config(args: argparse.Namespace) -> int:
    """Run one `bounce config` subcommand; without one, list them."""
    what = getattr(args, "what", None)
    if what == "path":
        from bounce_tui.config_file import config_path

        say(shown_path(config_path()))
        return 0
    if what == "show":
        return _show(args)
    if what == "edit":
        return _edit()
    if what == "regroup":
        return _write_regroup()
    say("bounce config COMMAND, where COMMAND is one of:")
    for name, text in SUBCOMMANDS:
        say(f"  {name:<8} {text}")
    return 0


def file_mourning_days(stage: str) -> int | None:
    """The file's mourning days for `stage` (None: not given, no file, or a wrong file).

    A wrong file is named once on stderr; the rejection is logged as if there were none.
    """
    from bounce_tui.config_file import read_config

    try:
        config = read_config()
    except ConfigError as error:
        sys.stderr.write(f"bounce: {error}; it is ignored for now (bounce config edit)\n")
        return None
    return config.mourning.get(stage) if config is not None else None


def _themes() -> set[str]:
    from textual.theme import BUILTIN_THEMES

    return set(BUILTIN_THEMES)


def _slots() -> tuple[dict[str, KeySlot], dict[str, str]]:
    from bounce_tui import paths
    from bounce_tui.keys import key_slots, load_keymap

    old_keys, _ignored = load_keymap(paths.config_dir())
    return key_slots(old_keys), old_keys


def _checked() -> tuple[Config | None, dict[str, str]]:
    """The file, checked in full (ConfigError, exit 2, when wrong), and keys.toml's keys."""
    from bounce_tui.config_file import read_config

    slots, old_keys = _slots()
    return read_config(themes=_themes(), key_slots=slots), old_keys


def _show(args: argparse.Namespace) -> int:
    from bounce_tui.config_file import CONFIG_FILENAME, config_path

    path = config_path()
    config, old_keys = _checked()
    there = "" if config is not None else " (not there yet: bounce config edit makes one)"
    say(f"settings file: {shown_path(path)}{there}")
    stored = _stored_settings(database_path(args))
    for row in effective(config, stored):
        if row.source == "file":
            where = f"{CONFIG_FILENAME} line {row.line}" if row.line else CONFIG_FILENAME
        else:
            where = _SOURCES[row.source]
        say(f"  {row.name:<19} {shown_path(row.value):<14} {where}")
    remapped = {**{k: (v, "keys.toml") for k, v in old_keys.items()}}
    for binding_id, keys in (config.keys if config is not None else {}).items():
        line = config.lines.get(f"keys.{binding_id}") if config is not None else None
        remapped[binding_id] = (keys, f"{CONFIG_FILENAME} line {line}" if line else CONFIG_FILENAME)
    if remapped:
        say("keys you changed:")
        for binding_id, (keys, where) in sorted(remapped.items()):
            say(f"  {binding_id:<19} {shown_path(keys):<14} {where}")
    if getattr(args, "keys", False):
        _list_keys(remapped)
    else:
        say("every other key is bounce's own (bounce config show --keys lists them all)")
    return 0


def _list_keys(remapped: dict[str, tuple[str, str]]) -> None:
    """Every key's id, its keys now and what it does: the names `[keys]` takes."""
    from bounce_tui.keys import KEYS

    say("every key (id, keys, what it does):")
    for key in KEYS:
        if key.builtin:
            continue
        keys = remapped[key.id][0] if key.id in remapped else key.keys or "-"
        what = key.hint or key.help or key.label or key.palette
        say(f"  {key.id:<28} {shown_path(keys):<14} {shown_path(what)}")


def _stored_settings(db: Path) -> dict[str, str]:
    """The database's settings, read only (none when there is no database yet)."""
    import sqlite3

    if not db.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            rows = conn.execute("SELECT key, value FROM setting").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        say(f"(the database {shown_path(db)} could not be read; its settings are not shown)")
        return {}
    return {str(key): str(value) for key, value in rows}


def _edit() -> int:
    import shlex
    import subprocess

    from bounce_tui.config_file import config_path, create_template

    path = config_path()
    try:
        made = create_template(path)
    except OSError as error:
        raise UsageError(f"cannot make {path}: {error.strerror or error}") from None
    if made:
        say(f"made {shown_path(path)} (every setting in it is commented out)")
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor or not editor.strip():
        raise UsageError(
            f"set VISUAL or EDITOR to your editor (for example: export EDITOR=nano), or open "
            f"{path} in any editor; then bounce config show checks it"
        )
    try:
        command = shlex.split(editor)
    except ValueError:
        raise UsageError(
            f"the editor command {editor!r} cannot be read; check VISUAL/EDITOR"
        ) from None
    try:
        finished = subprocess.run([*command, os.fspath(path)], check=False)
    except OSError as error:
        raise UsageError(
            f"the editor {command[0]!r} could not be started ({error.strerror or error}); "
            "check VISUAL/EDITOR"
        ) from None
    if finished.returncode != 0:
        say(f"the editor stopped with status {finished.returncode}; checking the file anyway")
    try:
        config, _old_keys = _checked()
    except ConfigError as error:
        raise UsageError(f"{error}; bounce config edit opens it again") from None
    given = (
        len(config.lines) - sum(1 for k in config.lines if k in ("mourning", "keys"))
        if config
        else 0
    )
    say(f"{shown_path(path)} is fine; {given} setting{'s' if given != 1 else ''} set in it.")
    return 0


def _write_regroup() -> int:
    """Write the built-in regroup template into the config folder, never over a file."""
    from bounce_tui import paths, resources

    folder = paths.ensure_private_dir(paths.config_dir())
    target = folder / resources.REGROUP_FILENAME
    text = resources.asset_text(resources.REGROUP_FILENAME)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        raise UsageError(f"{target} already exists; edit it, or move it away first") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    say(f"wrote {shown_path(target)}; edit it, and new rejections get your checklist.")
    return 0
