"""One bounce database file: checked and migrated when opened, and the units of work on it.

Writes run in a session whose transaction begins IMMEDIATE and commits before
the use case returns; reads use a deferred transaction. Rows come back detached
(expire_on_commit off), so nothing holds a session open across screens.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, SQLModel

from bounce_tui.store.errors import ChangedElsewhere, NotFound, StoreError, translate
from bounce_tui.store.file import commits, migrations
from bounce_tui.store.file.commits import writes_committed as writes_committed
from bounce_tui.store.file.engine import BusyPolicy, make_engine

Row = TypeVar("Row", bound=SQLModel)


class Database:
    """The opened file and its engine: `writing()` and `reading()` are the units of work.

    Opening checks the file (a foreign, damaged or newer file is refused untouched),
    creates it privately if it does not exist and migrates it (after a backup).
    `now` stamps the backup taken before a migration; `busy` says how long a write
    waits for a lock another process holds (default: once, 10 s); `writing` false
    (a command that only reads) leaves the file's mode alone.
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime],
        busy: BusyPolicy | None = None,
        writing: bool = True,
    ) -> None:
        self.path = Path(path)
        self.busy = busy or BusyPolicy()
        self.opened = migrations.open_database(self.path, now, writing=writing)
        self._engine = make_engine(self.path, self.busy)
        self._reader = self._engine.execution_options(bounce_begin="DEFERRED")

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One IMMEDIATE transaction, committed on exit; store errors translated."""
        try:
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                yield session
            commits.note_commit()
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


def get_row(session: Session, model: type[Row], row_id: str) -> Row:
    """The row of `model` with this id, or NotFound with a sentence naming the table."""
    row = session.get(model, row_id)
    if row is None:
        name = str(getattr(model, "__tablename__", model.__name__)).replace("_", " ")
        raise NotFound(f"no {name} with id {row_id}", table=name, row_id=row_id)
    return row


def check_version(
    row: SQLModel, expected: datetime | None, what: str, current: Callable[[], object]
) -> None:
    """Refuse an edit made on an older version of `row` (optimistic concurrency).

    `expected` is the `updated_at` the form opened with (None: no check). When the
    stored row has moved on, ChangedElsewhere carries `current()`, the row's view as
    it is now; the caller's transaction then rolls back, so nothing is written.
    """
    if expected is not None and getattr(row, "updated_at", None) != expected:
        raise ChangedElsewhere(what, current())


def next_version(previous: datetime | None, now: datetime) -> datetime:
    """The `updated_at` for an edit: now, or just after the previous one when the clock
    has not moved past it (a fixed or stepped-back clock), so every edit is a new version."""
    if previous is None or now > previous:
        return now
    try:
        return previous + timedelta(microseconds=1)
    except OverflowError:  # a damaged stamp at the end of time: leave it
        return previous
