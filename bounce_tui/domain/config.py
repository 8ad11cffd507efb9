"""The settings file, `config.toml`: its values checked, and how it combines with the database.

`parse_config` takes the file's text (and, where the caller knows them, the
installed themes and the key table) and returns a typed `Config`, or raises
`ConfigError`: one line naming the file, the line, the bad key and its value.

How the file and the database combine (`effective`): a setting the file gives
wins; a setting it leaves out comes from the database (what the app saved, a
theme picked with ctrl+p, or an import), else bounce's built-in default.
"""

from __future__ import annotations

import re
import string
import sys
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from bounce_tui.domain import mourning
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.reminder import DEFAULT_REMINDER_HOUR
from bounce_tui.domain.text import one_line

__all__ = [
    "Config",
    "ConfigError",
    "KeySlot",
    "Effective",
    "WEEKDAYS",
    "DEFAULT_THEME",
    "parse_config",
    "normalise_key",
    "effective",
    "overlay",
    "week_start_index",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_THEME = "textual-dark"
_TOP = ("theme", "reminder_hour", "week_start", "mourning", "keys")
_THEME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED = frozenset(
    ["escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end"]
    + ["pageup", "pagedown", "up", "down", "left", "right"]
    + [f"f{n}" for n in range(1, 25)]
)
_REPLACED = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
             "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore"}  # fmt: skip


class ConfigError(DomainError):
    """The settings file is wrong: one line naming the file, the line, the key and the value."""


@dataclass(frozen=True)
class KeySlot:
    """A binding as the key check needs it: where it is active, its default keys, priority.

    `places` names the screens the binding is active on ("*": everywhere); two
    bindings whose places meet cannot share a key unless they shared it by default.
    """

    places: frozenset[str]
    keys: str
    priority: bool = False
    #: Textual's own binding (the palette, tab): it keeps its key, and no other takes it.
    fixed: bool = False


@dataclass(frozen=True)
class Config:
    """What the file sets; a setting it leaves out is None (or absent from the mappings)."""

    theme: str | None = None
    reminder_hour: int | None = None
    week_start: int | None = None  # 0 Monday … 6 Sunday
    mourning: Mapping[str, int] = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=dict)
    #: The line of each setting given ("theme", "mourning.final", "keys.main.check_in").
    lines: Mapping[str, int] = field(default_factory=dict)

    def as_settings(self) -> dict[str, str]:
        """The file's values under the database's setting names, as text."""
        found: dict[str, str] = {}
        if self.theme is not None:
            found["theme"] = self.theme
        if self.reminder_hour is not None:
            found["reminder_hour"] = str(self.reminder_hour)
        if self.week_start is not None:
            found["week_start"] = WEEKDAYS[self.week_start]
        for stage, days in self.mourning.items():
            found[f"mourning.{stage}"] = str(days)
        return found


@dataclass(frozen=True)
class Effective:
    """One setting in force, and where it comes from ("file", "database" or "default")."""

    name: str
    value: str
    source: str
    line: int | None = None


def _toml() -> object:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    return tomllib


def parse_config(
    text: str,
    where: str = "config.toml",
    *,
    themes: Collection[str] | None = None,
    key_slots: Mapping[str, KeySlot] | None = None,
) -> Config:
    """The settings in `text`, checked; ConfigError (one line) for the first thing wrong.

    Without `themes` a theme is checked only for its shape; without `key_slots`
    key remaps are checked only for their key names.
    """
    tomllib = _toml()
    try:
        data = tomllib.loads(text)  # type: ignore[attr-defined]
    except tomllib.TOMLDecodeError as error:  # type: ignore[attr-defined]
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        number = found.group(1) if found else str(max(len(text.splitlines()), 1))
        place = f" line {number}"
        raise ConfigError(
            f"{where}{place}: this is not valid TOML ({one_line(reason, 80)})"
        ) from None
    lines = key_lines(text)
    check = _Checker(where, lines)
    for key in data:
        if key not in _TOP:
            known = "theme, reminder_hour, week_start, [mourning] and [keys]"
            check.fail((key,), data[key], f"is not a setting bounce knows (it knows {known})")
    theme = check.theme(data["theme"], themes) if "theme" in data else None
    hour = check.hour(data["reminder_hour"]) if "reminder_hour" in data else None
    week = check.week_start(data["week_start"]) if "week_start" in data else None
    days = check.mourning(data.get("mourning", {}))
    keys = check.keys(data.get("keys", {}), key_slots)
    given = {".".join(path): line for path, line in lines.items()}
    return Config(theme, hour, week, days, keys, given)


class _Checker:
    """The checks of each setting, each failing with the file's line."""

    def __init__(self, where: str, lines: Mapping[tuple[str, ...], int]) -> None:
        self.where = where
        self.lines = lines

    def fail(self, path: tuple[str, ...], value: object, why: str) -> None:
        line = self.lines.get(path) or self.lines.get(path[:1])
        place = f" line {line}" if line else ""
        name = ".".join(_key_text(part) for part in path)
        raise ConfigError(f"{self.where}{place}: {name} = {_value_text(value)} {why}")

    def theme(self, value: object, themes: Collection[str] | None) -> str:
        if not isinstance(value, str) or not _THEME_RE.fullmatch(value):
            self.fail(("theme",), value, 'must be a theme\'s name, like theme = "nord"')
        assert isinstance(value, str)
        if themes is not None and value not in themes:
            some = ", ".join(sorted(themes)[:6])
            self.fail(("theme",), value, f"is not an installed theme (some are: {some})")
        return value

    def hour(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 23:
            self.fail(("reminder_hour",), value,
                      "must be a whole hour from 0 to 23, like reminder_hour = 19")  # fmt: skip
        assert isinstance(value, int)
        return value

    def week_start(self, value: object) -> int:
        word = value.strip().lower() if isinstance(value, str) else ""
        for index, day in enumerate(WEEKDAYS):
            if word and (word == day or word == day[:3]):
                return index
        self.fail(("week_start",), value, 'must be a day of the week, like week_start = "sunday"')
        raise AssertionError  # pragma: no cover - fail raises

    def mourning(self, table: object) -> dict[str, int]:
        if not isinstance(table, dict):
            self.fail(("mourning",), table, "must be a table: [mourning] with final = 3, …")
        assert isinstance(table, dict)
        found: dict[str, int] = {}
        for stage, days in table.items():
            path = ("mourning", stage)
            if stage not in mourning.STAGES:
                self.fail(path, days, f"is not a stage ({', '.join(mourning.STAGES)})")
            if isinstance(days, bool) or not isinstance(days, int):
                self.fail(
                    path, days, f"must be a whole number of days from 1 to {mourning.MAX_DAYS}"
                )
            elif not 1 <= days <= mourning.MAX_DAYS:
                self.fail(path, days, f"is out of range: a mourning period is 1 to "
                          f"{mourning.MAX_DAYS} days")  # fmt: skip
            found[stage] = days
        return found

    def keys(self, table: object, slots: Mapping[str, KeySlot] | None) -> dict[str, str]:
        if not isinstance(table, dict):
            self.fail(("keys",), table, 'must be a table: [keys] with "main.check_in" = "C", …')
        assert isinstance(table, dict)
        remap: dict[str, str] = {}
        for binding_id, value in table.items():
            path = ("keys", binding_id)
            if slots is not None and binding_id not in slots:
                self.fail(path, value, "names no action bounce has (ids are like main.check_in; "
                          "the README's key table lists them)")  # fmt: skip
            parts = value.split(",") if isinstance(value, str) else []
            named = [normalise_key(part) for part in parts]
            if not parts or any(name is None for name in named):
                self.fail(path, value, 'must be key names, like "C", "ctrl+u" or "x,f2"')
            slot = slots.get(binding_id) if slots is not None else None
            if slot is not None and slot.fixed:
                self.fail(path, value, "is Textual's own key and cannot be moved")
            if slot is not None and slot.priority and any(_typed(n) for n in named):
                self.fail(path, value, "needs ctrl+… or a named key (enter, f2): a plain "
                          "character here would stop it being typed in a field")  # fmt: skip
            remap[binding_id] = ",".join(dict.fromkeys(str(n) for n in named))
        if slots is not None:
            self._clashes(remap, slots)
        return remap

    def _clashes(self, remap: Mapping[str, str], slots: Mapping[str, KeySlot]) -> None:
        final = {bid: _key_set(remap.get(bid, slot.keys)) for bid, slot in slots.items()}
        for binding_id in remap:
            mine = slots[binding_id]
            for other, slot in slots.items():
                if other == binding_id or not _meet(mine.places, slot.places):
                    continue
                shared = final[binding_id] & final[other]
                shared -= _key_set(mine.keys) & _key_set(slot.keys)
                if shared:
                    key = sorted(shared)[0]
                    self.fail(("keys", binding_id), remap[binding_id],
                              f"uses {key}, which is already {other}'s key there; pick another "
                              f"key or remap {other} too")  # fmt: skip


def _meet(one: frozenset[str], other: frozenset[str]) -> bool:
    return "*" in one or "*" in other or bool(one & other)


def _key_set(keys: str) -> set[str]:
    return {name for part in keys.split(",") if (name := normalise_key(part)) is not None}


def _typed(name: str | None) -> bool:
    """A key that types a character in a field (no ctrl or alt, not a named key)."""
    if name is None or ("+" in name and name.split("+")[0] in ("ctrl", "alt", "meta", "super")):
        return False
    base = name.rsplit("+", 1)[-1]
    return base == "space" or base not in _NAMED


def _char_key(char: str) -> str:
    """A character's key name as Textual writes it ("?" → question_mark, "C" → C)."""
    if char.isalnum():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return _REPLACED.get(name, name)


_CHAR_NAMES = frozenset(_char_key(c) for c in string.punctuation)


def normalise_key(part: str) -> str | None:
    """A key as Textual names it ("?" → question_mark, "Ctrl+U" → ctrl+u); None if not a key."""
    part = part.strip()
    if not part:
        return None
    if len(part) == 1:
        return _char_key(part) if part.isprintable() and not part.isspace() else None
    *mods, base = part.split("+")
    mods = [m.strip().lower() for m in mods]
    if any(m not in _MODIFIERS for m in mods) or len(set(mods)) != len(mods):
        return None
    base = base.strip()
    if len(base) == 1 and base.isprintable() and not base.isspace():
        name = _char_key(base.lower() if mods and base.isalpha() else base)
    elif base.lower() in _NAMED or base.lower() in _CHAR_NAMES:
        name = base.lower()
    else:
        return None
    return "+".join([*mods, name])


def _key_text(part: str) -> str:
    return part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else f'"{one_line(part, 40)}"'


def _value_text(value: object) -> str:
    """A value as TOML writes it, short and on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + one_line(value, 40).replace('"', '\\"') + '"'
    if isinstance(value, (int, float)):
        return one_line(repr(value), 40)
    if isinstance(value, dict):
        return "(a table)"
    if isinstance(value, list):
        return "(a list)"
    return one_line(str(value), 40)  # dates and times


_HEADER = re.compile(r"\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(#.*)?$")
_NAME = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY = re.compile(rf"\s*({_NAME}(?:\s*\.\s*{_NAME})*)\s*=")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"((?:[^"\\]|\\.)*)"|'([^']*)'""")


def _path(text: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(text):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        parts.append(quoted if quoted is not None else match.group(0))
    return tuple(parts)


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line (from 1) where each key and table first appears; best effort, for messages."""
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = ""
            continue
        header = _HEADER.match(line)
        key = _KEY.match(line)
        if header and not key:
            table = _path(header.group(1))
            found.setdefault(table, number)
        elif key:
            path = table + _path(key.group(1))
            for size in range(1, len(path) + 1):
                found.setdefault(path[:size], number)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_string = quote
    return found


def effective(config: Config | None, stored: Mapping[str, str]) -> list[Effective]:
    """Every setting in force: the file's first, then the database's, then the built-in one."""
    defaults = {"theme": DEFAULT_THEME, "reminder_hour": str(DEFAULT_REMINDER_HOUR),
                "week_start": WEEKDAYS[0],
                **{f"mourning.{s}": str(d) for s, d in mourning.DEFAULT_DAYS.items()}}  # fmt: skip
    given = config.as_settings() if config is not None else {}
    lines = config.lines if config is not None else {}
    rows = []
    for name, default in defaults.items():
        if name in given:
            rows.append(Effective(name, given[name], "file", lines.get(name)))
        elif name in stored and name != "week_start":
            rows.append(Effective(name, stored[name], "database"))
        else:
            rows.append(Effective(name, default, "default"))
    return rows


def week_start_index(setting: str | None) -> int:
    """The first day of the week from its setting's text: 0 Monday (the default) … 6 Sunday."""
    return WEEKDAYS.index(setting) if setting in WEEKDAYS else 0


def overlay(config: Config | None, stored: Mapping[str, str]) -> dict[str, str]:
    """The database's settings with the file's on top (the file wins where it says something)."""
    return {**stored, **(config.as_settings() if config is not None else {})}
