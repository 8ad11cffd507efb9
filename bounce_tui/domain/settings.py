"""The settings bounce knows, each with the rule its value must follow.

Settings are stored as text. Every key is one of these; a value that breaks its
rule (a mourning length of "²", a reminder hour of 25) is refused on the way in,
so nothing that reads a setting has to survive one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bounce_tui.domain import mourning
from bounce_tui.domain.dates import check_day_in_range
from bounce_tui.domain.errors import DomainError

__all__ = ["KEYS", "check_setting", "DISMISSED_UNTIL_KEY", "MAX_KEY_LEN", "WELCOME_CLOSED_KEY"]

#: The setting that hides the gentle prompt up to and including this day (YYYY-MM-DD).
DISMISSED_UNTIL_KEY = "gentle_prompt.dismissed_until"
MAX_KEY_LEN = 100
#: Set ("yes") once the person closed the first-run welcome: it never shows again.
WELCOME_CLOSED_KEY = "welcome.closed"

_THEME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_HOUR_RE = re.compile(r"[0-9]{1,2}")
_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _theme(value: str) -> str:
    if not _THEME_RE.fullmatch(value):
        raise DomainError("theme must be a theme's name (letters, digits, - and _)")
    return value


def _hour(value: str) -> str:
    if not _HOUR_RE.fullmatch(value) or not 0 <= int(value) <= 23:
        raise DomainError("reminder_hour must be a whole hour from 0 to 23")
    return value


def _mourning_days(value: str) -> str:
    if not re.fullmatch(r"[0-9]{1,2}", value):
        raise DomainError(f"a mourning length must be a whole number from 1 to {mourning.MAX_DAYS}")
    mourning.validate_days(value)
    return value


def _yes(value: str) -> str:
    if value != "yes":
        raise DomainError(f"{WELCOME_CLOSED_KEY} can only be yes")
    return value


def _day(value: str) -> str:
    from datetime import date

    if not _DAY_RE.fullmatch(value):
        raise DomainError(f"{DISMISSED_UNTIL_KEY} must be a day, YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise DomainError(f"{DISMISSED_UNTIL_KEY} must be a day, YYYY-MM-DD") from None
    check_day_in_range(day, DISMISSED_UNTIL_KEY)
    return value


#: Each known key and the rule for its value.
KEYS: dict[str, Callable[[str], str]] = {
    "theme": _theme,
    "reminder_hour": _hour,
    DISMISSED_UNTIL_KEY: _day,
    WELCOME_CLOSED_KEY: _yes,
    **{f"mourning.{stage}": _mourning_days for stage in mourning.STAGES},
}


def check_setting(key: object, value: object) -> str:
    """Return ``value`` when ``key`` is a known setting and ``value`` follows its rule.

    DomainError with one line otherwise: an unknown key, a value that is not text,
    or one its rule refuses.
    """
    if not isinstance(key, str) or key not in KEYS:
        raise DomainError("this is not a setting bounce knows")
    if not isinstance(value, str):
        raise DomainError(f"{key} must be text")
    return KEYS[key](value)
