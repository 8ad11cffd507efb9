"""The settings file in the app: read once at start, and laid over the database's settings.

`load_settings` reads `config.toml` (and the older `keys.toml`) with the app's
themes and key table. A file that is wrong never stops the person's data from
opening: the app says so once and uses the database's settings and the defaults.

`ConfiguredContext` is the app's context with the file's settings laid over
each snapshot's settings (the file wins where it says something), so every
reader of `snapshot.settings` (the theme, the reminder hour, the mourning days
in the rejection form, the progress calendar's week start) honours the file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from bounce_tui import paths
from bounce_tui.context import BounceContext
from bounce_tui.keys import key_slots, load_keymap

if TYPE_CHECKING:
    from bounce_tui.domain.config import Config
    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.read.early import EarlyRead

__all__ = ["SettingsFile", "load_settings", "ConfiguredContext"]

#: The settings file's name in the config folder (as config_file.CONFIG_FILENAME).
CONFIG_FILENAME = "config.toml"


@dataclass(frozen=True)
class SettingsFile:
    """What the settings files say: the checked config (None: no file, or a wrong one)."""

    config: Config | None = None
    #: One line saying what is wrong with config.toml, when something is.
    problem: str | None = None
    #: The keys remapped by keys.toml, then by config.toml's [keys].
    keymap: dict[str, str] = field(default_factory=dict)
    #: keys.toml's entries that were ignored, one line each.
    keymap_notes: list[str] = field(default_factory=list)


def load_settings(themes: Collection[str]) -> SettingsFile:
    """Read the settings files; never raises for anything wrong in them."""
    folder = paths.config_dir()
    old_keys, notes = load_keymap(folder)
    try:
        (folder / CONFIG_FILENAME).lstat()
    except FileNotFoundError:  # the usual case: the settings checker is not even loaded
        return SettingsFile(None, None, old_keys, notes)
    except OSError:
        pass  # read_config says what is wrong with it
    from bounce_tui.config_file import read_config
    from bounce_tui.domain.config import ConfigError

    try:
        config = read_config(themes=themes, key_slots=key_slots(old_keys))
    except ConfigError as error:
        problem = f"{error}. bounce uses its usual settings until it is fixed (bounce config edit)."
        return SettingsFile(None, problem, old_keys, notes)
    keymap = {**old_keys, **(config.keys if config is not None else {})}
    return SettingsFile(config, None, keymap, notes)


class ConfiguredContext(BounceContext):
    """The app's context, with the settings file's values laid over the database's."""

    def __init__(
        self,
        app: App[Any],
        db_path: Path,
        *,
        now: Callable[[], datetime],
        tz: tzinfo | None = None,
        config: Config | None = None,
        early: EarlyRead | None = None,
        sync_seconds: float | None = None,
    ) -> None:
        super().__init__(app, db_path, now=now, tz=tz, early=early, sync_seconds=sync_seconds)
        self.config = config

    def _with_settings(self, snapshot: MainSnapshot) -> MainSnapshot:
        if self.config is None:
            return snapshot
        from bounce_tui.domain.config import overlay

        return snapshot._replace(settings=overlay(self.config, snapshot.settings))
