"""The wheel works on its own: built from the checkout, installed into a fresh venv outside
it, `bounce --version`, `bounce demo --help` and a check-in run from there.

Offline by design. The wheel is built with pip (hatchling from the test venv when it is
there, else pip's isolated build, which needs hatchling from the configured index or
wheel folder; the test skips, saying so, when neither is at hand). The fresh venv gets
the wheel with `--no-deps --no-index`; its dependencies are the test venv's own, read
through a path file (a plain path: the test venv's editable hook into the checkout is not
run), so nothing is downloaded. Every command runs from a folder outside the checkout and
the test checks that `bounce_tui` is imported from the fresh venv.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.packaging


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


def _build_wheel(out: Path, env: dict[str, str]) -> Path:
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out),
         *isolation],
        capture_output=True, text=True, timeout=300, env=env, cwd=out,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"the wheel could not be built here (no hatchling at hand?): {done.stderr}")
    (wheel,) = out.glob("bounce_tui-*.whl")
    return wheel


def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BOUNCE"))}
    wheel = _build_wheel(tmp_path, env)
    names = zipfile.ZipFile(wheel).namelist()
    for asset in ("regroup.toml", "reframes.toml", "screenshots/main.svg"):
        assert f"bounce_tui/assets/{asset}" in names

    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
             tmp_path, env).strip()
    )  # fmt: skip
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
          "--no-index", str(wheel)], tmp_path, env)  # fmt: skip
    (site / "test-venv-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    bounce = str(fresh / "bin" / "bounce")
    where = _run(
        [str(python), "-c", "import bounce_tui; print(bounce_tui.__file__)"], tmp_path, env
    )
    assert Path(where.strip()).is_relative_to(fresh), where
    assert _run([bounce, "--version"], tmp_path, env).startswith("bounce ")
    assert "temporary folder" in _run([bounce, "demo", "--help"], tmp_path, env)
    db = tmp_path / "data" / "bounce.db"
    db.parent.mkdir()
    saved = _run([bounce, "--db", str(db), "checkin", "4", "-t", "walk"], tmp_path, env)
    assert "checked in" in saved
    status = json.loads(_run([bounce, "--db", str(db), "status", "--json"], tmp_path, env))
    assert status["checked_in_today"] is True and status["today_mood"] == 4
