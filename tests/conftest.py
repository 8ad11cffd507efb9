"""Fixtures for the whole suite: a hand-moved clock, a temp database path, private folders.

Every test runs with HOME and the XDG folders inside its own `tmp_path` and without
BOUNCE_DB (`private_dirs`, autouse), so no test reads or writes the user's real
files and tests running at the same time (pytest-xdist workers, or two copies of
the suite) never share a folder. Children started by the CLI and stress helpers
get their own environment on top of this (`tests/cli/_support.isolated_env`,
`tests/stress/harness.isolated_env`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)  # 10:30 in Berlin
BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)

    def set(self, moment: datetime) -> None:
        self.moment = moment


@pytest.fixture(scope="session", autouse=True)
def children_bytecode(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Let the Python children (the CLI, the app in tmux, stress helpers) share compiled
    bytecode, kept in this run's temp folder, instead of each compiling bounce again.

    Nothing is written beside the sources. The xdist workers of one run share it.
    """
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "pycache"
    before = os.environ.get("PYTHONPYCACHEPREFIX")
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    yield
    if before is None:
        os.environ.pop("PYTHONPYCACHEPREFIX", None)
    else:
        os.environ["PYTHONPYCACHEPREFIX"] = before


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME and the XDG dirs at tmp; forget any BOUNCE_DB of the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.delenv("BOUNCE_DB", raising=False)
    return home


@pytest.fixture
def clock() -> Clock:
    """A clock standing at NOW (10:30 in Berlin on 2026-03-10) until the test moves it."""
    return Clock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database goes (not created: the Store or the app makes it)."""
    return tmp_path / "data" / "bounce.db"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the long tests (the app in a terminal, the quick stress runs) first.

    Spread over xdist workers, the short ones then fill the gaps, and no long test is
    left running alone at the end of the run.
    """
    first = ("tests/reliability/", "tests/e2e/")
    items.sort(key=lambda item: not item.nodeid.startswith(first))


@pytest.fixture
def collector_as_found() -> Iterator[None]:
    """Leave Python's cycle collector on or off as the test found it (collector_pause.py)."""
    import gc

    from bounce_tui import collector_pause

    was_on = gc.isenabled()
    yield
    collector_pause.resume()
    collector_pause._settles = False  # a runner's process is never bounce's to settle
    gc.unfreeze()
    if was_on:
        gc.enable()
    else:
        gc.disable()
