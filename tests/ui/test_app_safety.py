"""A crash report names where it happened but prints no values (notes stay private)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from bounce_tui.app import BounceApp


def test_crash_report_prints_no_locals_or_message(tmp_path: Path) -> None:
    app = BounceApp(tmp_path / "bounce.db")
    secret_note = "my very private note about the interview"
    try:
        raise ValueError(secret_note)
    except ValueError:
        app._fatal_error()
    console = Console(record=True, width=120)
    for renderable in app._exit_renderables:
        console.print(renderable)
    printed = console.export_text()
    assert "ValueError" in printed
    assert "test_app_safety.py" in printed
    assert secret_note not in printed
    assert "private" not in printed
