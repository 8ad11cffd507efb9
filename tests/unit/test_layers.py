"""The domain layer (and resources) never import Textual or SQL."""

from __future__ import annotations

import subprocess
import sys

MODULES = (
    "bounce_tui.domain.checkins",
    "bounce_tui.domain.mourning",
    "bounce_tui.domain.lessons",
    "bounce_tui.domain.checklist",
    "bounce_tui.domain.progress",
    "bounce_tui.domain.text",
    "bounce_tui.domain.dates",
    "bounce_tui.resources",
)


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip()


def test_domain_never_imports_textual_or_sql() -> None:
    code = (
        f"import {', '.join(MODULES)}, sys; "
        "print('textual' in sys.modules or 'sqlalchemy' in sys.modules)"
    )
    assert _run(code) == "False"


def test_domain_imports_fsrs_lazily() -> None:
    code = (
        f"import {', '.join(MODULES)}, sys; "
        "print(sorted(m for m in ('fsrs', 'sqlmodel', 'textual', 'rich') if m in sys.modules))"
    )
    assert _run(code) == "[]"
