"""The snapshot connection closes only once no read is using it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bounce_tui.store.file.watch import WatchedReader
from bounce_tui.store.repository import Store


def test_closing_waits_for_a_read_that_is_still_running(store: Store, db_path: Path) -> None:
    reader = WatchedReader(db_path)
    inside = threading.Event()
    outcome: list[object] = []

    def read() -> None:
        try:
            with reader.reading() as conn:
                inside.set()
                time.sleep(0.3)  # the statement is still running when close is asked
                outcome.append(conn.execute("SELECT 1").fetchone()[0])
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcome.append(exc)

    worker = threading.Thread(target=read)
    worker.start()
    assert inside.wait(10)
    reader.close()
    worker.join(10)
    assert outcome == [1]


def test_a_read_after_closing_is_a_store_error_not_a_crash(store: Store, db_path: Path) -> None:
    from bounce_tui.store.errors import StoreError

    reader = WatchedReader(db_path)
    reader.close()
    with pytest.raises(StoreError), reader.reading():
        pass
