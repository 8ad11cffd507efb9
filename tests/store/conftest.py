"""Fixtures for store tests: a Store on a temp file with a small checklist template, and
two sync devices (`pair`, "laptop" and "desk", a minute apart) sharing `folder`.

The clock (`clock`, standing at NOW) and `db_path` come from tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bounce_tui.domain.checklist import TemplateItem
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock

from .sync_support import Device

TEMPLATE = [
    TemplateItem(key="thank_you", title="Say thanks", why="keep the door open", due_after_days=0),
    TemplateItem(
        key="feedback",
        title="Ask for feedback?",
        why="a choice",
        kind="decision",
        views=("for", "against"),
        choices=("ask", "don't ask"),
    ),
    TemplateItem(key="contact", title="Check back", why="roles reopen", due_after_days=30),
]


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Store:
    s = Store(db_path, now=clock, tz=BERLIN, template=lambda: list(TEMPLATE))
    yield s
    s.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shared sync folder."""
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared


@pytest.fixture
def pair(tmp_path: Path, folder: Path) -> Iterator[tuple[Device, Device]]:
    """Two devices syncing through `folder`: "laptop" at NOW, "desk" a minute ahead."""
    a = Device(tmp_path, "laptop", folder, NOW)
    b = Device(tmp_path, "desk", folder, NOW + timedelta(minutes=1))
    yield a, b
    a.close()
    b.close()
