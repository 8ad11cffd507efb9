"""An error that comes after a save never claims that nothing was changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_tui import cli
from bounce_tui.store.file import commits
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, Clock


def test_an_error_after_a_save_says_the_entry_is_kept(
    db_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commits, "_count", 0)
    assert cli._fail_store(OverflowError()) == cli.EXIT_FAILED
    assert "nothing else was changed" in capsys.readouterr().err
    store = Store(db_path, now=clock, tz=BERLIN)
    try:
        store.checkins.check_in(3)
    finally:
        store.close()
    assert commits.writes_committed() == 1
    assert cli._fail_store(OverflowError()) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "after your entry was saved" in err and "nothing else was changed" not in err


def test_a_write_that_fails_is_not_counted(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commits, "_count", 0)
    store = Store(db_path, now=clock, tz=BERLIN)
    try:
        with pytest.raises(RuntimeError), store.db.writing():
            raise RuntimeError("a bug half way through a write")
    finally:
        store.close()
    assert commits.writes_committed() == 0
