"""Every quick reliability test runs with HOME and the XDG folders in its own temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    folders = {"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
               "XDG_CACHE_HOME": ".cache", "XDG_STATE_HOME": ".local/state"}  # fmt: skip
    for name, sub in folders.items():
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.delenv("BOUNCE_DB", raising=False)
    return home
