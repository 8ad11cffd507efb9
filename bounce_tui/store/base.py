"""What every use case stands on: the opened file, the clock, and units of work.

Writes run in a session whose transaction begins IMMEDIATE and commits before
the use case returns; reads use a deferred transaction. Rows come back detached
(expire_on_commit off), so nothing holds a session open across screens.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import TypeVar

from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, SQLModel

from bounce_tui.domain import checklist
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.store import migrations
from bounce_tui.store.db import BusyPolicy, make_engine
from bounce_tui.store.errors import NotFound, StoreError, translate

Row = TypeVar("Row", bound=SQLModel)


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(timezone.utc)


class StoreBase:
    """The database file, its engine and the units of work every use case runs in.

    `now` is the injected clock (aware datetimes); `tz` the local zone used to
    decide which calendar day a moment belongs to (None: the system zone);
    `template` supplies the regroup checklist for new rejections; `busy` says how
    long a write waits for a lock another process holds (default: once, 10 s).
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = utc_now,
        tz: tzinfo | None = None,
        template: Callable[[], list[checklist.TemplateItem]] | None = None,
        busy: BusyPolicy | None = None,
    ) -> None:
        self.path = Path(path)
        self.now = now
        self.tz = tz
        self._template = template
        self.busy = busy or BusyPolicy()
        self.opened = migrations.open_database(self.path, now)
        self._engine = make_engine(self.path, self.busy)
        self._reader = self._engine.execution_options(bounce_begin="DEFERRED")

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()

    # -- units of work -------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One IMMEDIATE transaction, committed on exit; store errors translated."""
        try:
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                yield session
        except IntegrityError as exc:
            raise StoreError(f"the entry breaks a rule of the database: {exc.orig}") from None
        except (OperationalError, SADatabaseError, sqlite3.Error, OSError) as exc:
            raise translate(exc, self.path) from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """One deferred (read-only) transaction."""
        try:
            with Session(self._reader, expire_on_commit=False) as session, session.begin():
                yield session
        except (OperationalError, SADatabaseError, sqlite3.Error) as exc:
            raise translate(exc, self.path, reading=True) from None

    def _stamp(self) -> dict[str, datetime]:
        moment = to_utc(self.now())
        return {"created_at": moment, "updated_at": moment}

    def today(self) -> date:
        """The local calendar day by the injected clock."""
        return local_day(self.now(), self.tz)

    @staticmethod
    def _get(session: Session, model: type[Row], row_id: str) -> Row:
        row = session.get(model, row_id)
        if row is None:
            raise NotFound(f"no {model.__tablename__.replace('_', ' ')} with id {row_id}")
        return row

    # -- check-ins -------------------------------------------------------------
