"""`pipx install .` and `uv tool install .` each give a working `bounce`.

Each tool installs the checkout into its own folders under tmp_path (never the
person's), then the installed `bounce` prints its version, its demo help, and
saves a check-in that `bounce status --json` reads back. The tools come from the
test venv (the `test` extra lists them) or PATH. They fetch bounce's dependencies
from the package index pip is configured with; when that cannot be reached the
test skips, naming the tool's own words.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.packaging
_OFFLINE_SIGNS = ("Failed to fetch", "No matching distribution", "Could not find a version",
                  "NewConnectionError", "Temporary failure in name resolution", "ConnectError",
                  "Failed to download", "Network is unreachable")  # fmt: skip


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install {name})")
    return found


def _install(args: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    if done.returncode != 0 and any(sign in output for sign in _OFFLINE_SIGNS):
        pytest.skip(f"{Path(args[0]).name} could not reach the package index: {output[-300:]}")
    assert done.returncode == 0, output


def _works(bounce: Path, tmp_path: Path, env: dict[str, str]) -> None:
    def run(*words: str) -> str:
        done = subprocess.run([str(bounce), *words], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    assert run("--version").startswith("bounce ")
    assert "temporary folder" in run("demo", "--help")
    db = tmp_path / "bounce.db"
    assert "checked in" in run("--db", str(db), "checkin", "4", "-n", "installed as a tool")
    status = json.loads(run("--db", str(db), "status", "--json"))
    assert status["checked_in_today"] is True and status["today_mood"] == 4


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "BOUNCE", "VIRTUAL_ENV", "PIPX_", "UV_"))}  # fmt: skip
    env["HOME"] = str(tmp_path / "home")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return env


def test_pipx_install_gives_a_working_bounce(tmp_path: Path) -> None:
    pipx = _tool("pipx")
    env = _clean_env(tmp_path)
    env["PIPX_HOME"], env["PIPX_BIN_DIR"] = str(tmp_path / "pipx"), str(tmp_path / "pipx-bin")
    _install([pipx, "install", "--python", sys.executable, str(ROOT)], env, tmp_path)
    _works(tmp_path / "pipx-bin" / "bounce", tmp_path, env)


def test_uv_tool_install_gives_a_working_bounce(tmp_path: Path) -> None:
    uv = _tool("uv")
    env = _clean_env(tmp_path)
    env["UV_TOOL_DIR"], env["UV_TOOL_BIN_DIR"] = str(tmp_path / "uv"), str(tmp_path / "uv-bin")
    _install([uv, "tool", "install", "--python", sys.executable, str(ROOT)], env, tmp_path)
    _works(tmp_path / "uv-bin" / "bounce", tmp_path, env)
