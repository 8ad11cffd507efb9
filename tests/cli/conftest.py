"""Fixtures for the command-line tests (helpers live in `_support.py`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from ._support import Bounce, parallel


@pytest.fixture
def bounce(tmp_path: Path) -> Bounce:
    return Bounce(tmp_path)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small bounce database made through the CLI once per session.

    It holds one check-in today (note "template note"), one rejection "Acme"
    (stage interview, so its mourning timer is running) with its checklist, and
    one lesson tied to it. Tests copy it with `Bounce.install`.
    """
    maker = Bounce(tmp_path_factory.mktemp("template"))
    maker.ok("reject", "Acme", "--role", "Analyst")
    parallel(
        partial(maker.ok, "checkin", "4", "-n", "template note", "-t", "seed"),
        partial(maker.ok, "lesson", "Ask about the team", "-c", "research", "--rejection", "last"),
    )
    return maker.db


@pytest.fixture(scope="session")
def template_export(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The template database as a parsed JSON export."""
    maker = Bounce(tmp_path_factory.mktemp("template-export"))
    result = maker.ok("export", "--format", "json", db=template_db)
    return json.loads(result.stdout)


@pytest.fixture
def existing_db(bounce: Bounce, template_db: Path) -> Iterator[Path]:
    """This test's own copy of the template database at `bounce.db`."""
    yield bounce.install(template_db)
