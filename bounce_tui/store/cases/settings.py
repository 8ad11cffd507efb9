"""Settings: key/value preferences (theme, mourning lengths, reminder hour, the gentle note)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from bounce_tui.domain import mourning
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.settings import check_setting
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.database import Database
from bounce_tui.store.models import Setting
from bounce_tui.store.read.progress import DISMISSED_UNTIL_KEY

#: The longest a dismissal may last, in days.
MAX_DISMISS_DAYS = 365


class SettingsCases:
    """Reading and changing settings."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def settings(self, prefix: str = "") -> dict[str, str]:
        """Settings whose key starts with `prefix`."""
        with self.db.reading() as session:
            rows = session.exec(select(Setting).where(col(Setting.key).startswith(prefix)))
            return {row.key: row.value for row in rows}

    def set_setting(self, key: str, value: str) -> None:
        """Create or change one setting; DomainError for an unknown key or a value its rule
        refuses (the same rules an import applies)."""
        value = check_setting(key, value)
        with self.db.writing() as session:
            _put(session, key, value, self.clock)

    def mourning_overrides(self) -> dict[str, int]:
        """Per-stage mourning lengths the person set (setting `mourning.<stage>`)."""
        found: dict[str, int] = {}
        for key, value in self.settings("mourning.").items():
            try:
                found[key.removeprefix("mourning.")] = mourning.validate_days(value)
            except DomainError:
                continue
        return found

    def dismiss_gentle_prompt(self, days: int = 7) -> date:
        """Hide the gentle prompt for `days` days, today included; returns the last hidden day.

        Stored as the setting `gentle_prompt.dismissed_until` (YYYY-MM-DD).
        """
        if isinstance(days, bool) or not isinstance(days, int):
            raise DomainError("days must be a whole number")
        if not 1 <= days <= MAX_DISMISS_DAYS:
            raise DomainError(f"days must be from 1 to {MAX_DISMISS_DAYS}")
        until = self.clock.today() + timedelta(days=days - 1)
        with self.db.writing() as session:
            _put(session, DISMISSED_UNTIL_KEY, until.isoformat(), self.clock)
        return until


def _put(session: Session, key: str, value: str, clock: Clock) -> None:
    moment = clock.now()
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, created_at=moment, updated_at=moment))
    else:
        row.value = value
        row.updated_at = moment
