"""The README's screenshots (assets/screenshots) are the screens as they are now.

They are regenerated from `bounce demo`'s sample at the script's fixed moment and
compared byte for byte; when a screen changes, run `python scripts/screenshots.py`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "screenshots.py"
COMMITTED = ROOT / "assets" / "screenshots"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bounce_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_committed_screenshots_match_the_screens(tmp_path: Path) -> None:
    script = _script()
    written = await script.write_screenshots(tmp_path)
    assert [p.name for p in written] == ["main.svg", "review.svg", "progress.svg"]
    stale = [
        p.name
        for p in written
        if not (COMMITTED / p.name).is_file() or (COMMITTED / p.name).read_bytes() != p.read_bytes()
    ]
    assert not stale, f"out of date: {stale}; run `python scripts/screenshots.py` and look at them"


def test_the_readme_shows_each_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("main", "review", "progress"):
        assert f"](assets/screenshots/{name}.svg)" in readme
