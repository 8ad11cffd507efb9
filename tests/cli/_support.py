"""Support code for the command-line tests: run `bounce` in a subprocess, isolated from the user.

Every test gets its own HOME / XDG_* directories and its own database under
`tmp_path`; the real user directories are never touched. Subprocesses cost about
0.7 s each (the store imports sqlmodel), so databases that several tests start
from are made once per session and copied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: The installed console script, next to the interpreter running the tests.
BOUNCE_SCRIPT = Path(sys.executable).parent / "bounce"
MODULE_CMD = (sys.executable, "-m", "bounce_tui")

TABLES = (
    "rejection",
    "mourning_period",
    "checklist_item",
    "lesson",
    "lesson_review",
    "checkin",
    "skip_day",
    "interview",
    "urge",
    "setting",
)


@dataclass(frozen=True)
class Result:
    """What one CLI run did."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __str__(self) -> str:  # shown by pytest when an assertion on a Result fails
        def cut(text: str) -> str:
            return text if len(text) < 1500 else text[:1500] + f"… ({len(text)} chars)"

        shown = " ".join(a if len(a) < 60 else a[:57] + "..." for a in self.args)
        return (
            f"$ {shown}\n-> exit {self.returncode}\n"
            f"stdout: {cut(self.stdout)!r}\nstderr: {cut(self.stderr)!r}"
        )


def isolated_env(root: Path) -> dict[str, str]:
    """The environment for a child: HOME and XDG dirs under `root`, UTC, no BOUNCE_DB."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOUNCE_", "XDG_", "PYTEST_")) and k not in ("TZ", "COLUMNS")
    }
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(root / "xdg-data"),
        XDG_CONFIG_HOME=str(root / "xdg-config"),
        XDG_CACHE_HOME=str(root / "xdg-cache"),
        XDG_STATE_HOME=str(root / "xdg-state"),
        TZ="UTC",
        NO_COLOR="1",
        PYTHONIOENCODING="utf-8",
        LC_ALL="C.UTF-8",
    )
    # Under pytest the children share one bytecode cache outside the source tree
    # (PYTHONPYCACHEPREFIX, set by tests/conftest.py); otherwise they write none.
    if env.get("PYTHONPYCACHEPREFIX"):
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _umask_setter(mask: int) -> Any:
    def set_umask() -> None:
        os.umask(mask)

    return set_umask


class Bounce:
    """Runs the CLI for one test: its own environment, its own database file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = isolated_env(root)
        self.db = root / "data" / "bounce.db"
        # bounce creates only its own data folder; a folder named with --db must exist.
        self.db.parent.mkdir(mode=0o700, exist_ok=True)

    def run(
        self,
        *args: str | os.PathLike[str],
        db: Path | None = None,
        use_db: bool = True,
        script: bool = False,
        env: dict[str, str] | None = None,
        umask: int | None = None,
        timeout: float = 60,
    ) -> Result:
        """Run `bounce [--db DB] ARGS...` (the script, or `python -m bounce_tui`)."""
        cmd: list[str] = [str(BOUNCE_SCRIPT)] if script else list(MODULE_CMD)
        if use_db:
            cmd += ["--db", str(db if db is not None else self.db)]
        cmd += [os.fspath(a) for a in args]
        proc = subprocess.run(
            cmd,
            cwd=self.root,
            env={**self.env, **(env or {})},
            capture_output=True,
            timeout=timeout,
            preexec_fn=_umask_setter(umask) if umask is not None else None,
        )
        return Result(
            tuple(cmd[len(MODULE_CMD) if not script else 1 :]),
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    def ok(self, *args: str | os.PathLike[str], **kwargs: Any) -> Result:
        """Run and insist on success: exit 0, nothing on stderr, no traceback."""
        result = self.run(*args, **kwargs)
        assert result.returncode == 0, result
        assert result.stderr == "", result
        assert "Traceback" not in result.output, result
        return result

    # -- reading the database with the standard library -------------------------------

    def query(self, sql: str, params: Sequence[object] = (), db: Path | None = None) -> list[Any]:
        return query(db if db is not None else self.db, sql, params)

    def count(self, table: str, db: Path | None = None) -> int:
        """Rows of `table`; the database's own id (a setting, not an entry) is not counted."""
        where = " WHERE key != 'database.id'" if table == "setting" else ""
        return self.query(f"SELECT count(*) FROM {table}{where}", db=db)[0][0]

    def counts(self, db: Path | None = None) -> dict[str, int]:
        return {table: self.count(table, db=db) for table in TABLES}

    def install(self, source: Path, db: Path | None = None) -> Path:
        """Copy a prepared database into place (0700 folder, 0600 file)."""
        target = db if db is not None else self.db
        private_folder(target.parent)
        shutil.copyfile(source, target)
        target.chmod(0o600)
        return target


#: One interpreter running many command lines through `bounce_tui.cli.run`, each with
#: its own environment, working folder and captured output; an uncaught exception is
#: printed as a traceback and exits 1, as `python -m bounce_tui` would.
_MANY = r"""
import contextlib, io, json, os, sys, traceback
from bounce_tui.cli import run

results = []
for env, cwd, argv in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
    results.append((code, out.getvalue(), err.getvalue()))
json.dump(results, sys.__stdout__)
"""


def run_many(runs: Sequence[tuple[Bounce, Sequence[str]]], timeout: float = 300) -> list[Result]:
    """Run `bounce --db DB ARGS...` for each (bounce, args) in one child process.

    For many independent runs that must each refuse: one interpreter start-up
    instead of one per run (about 0.7 s each). The child runs the same `run()`
    that `bounce` runs, in each Bounce's environment and folder; a test in
    test_cli_bad_input.py checks it answers as separate processes do.
    """
    if not runs:
        return []
    calls = [(b.env, str(b.root), ["--db", str(b.db), *map(os.fspath, args)]) for b, args in runs]
    proc = subprocess.run(
        [sys.executable, "-c", _MANY],
        input=json.dumps(calls),
        cwd=runs[0][0].root,
        env=runs[0][0].env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0 and not proc.stderr, proc.stderr[-3000:]
    return [
        Result(tuple(argv), code, stdout, stderr)
        for (_, _, argv), (code, stdout, stderr) in zip(calls, json.loads(proc.stdout), strict=True)
    ]


def parallel(*calls: Callable[[], T]) -> list[T]:
    """Run independent calls (usually `functools.partial(bounce.run, ...)`) at once.

    Subprocess start-up is CPU-bound, so this roughly halves the wall time on two
    cores. Only for calls whose order does not matter.
    """
    workers = min(len(calls), (os.cpu_count() or 2) + 1) or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda call: call(), calls))


def query(db: Path, sql: str, params: Sequence[object] = ()) -> list[Any]:
    """Rows from `db`, opened read-only so the check itself changes nothing."""
    assert db.is_file(), f"{db} does not exist"
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, tuple(params)).fetchall()


def private_folder(path: Path) -> Path:
    """Make `path` (and missing parents) with mode 0700, as a person would before `--db`."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tree(path: Path) -> dict[str, str]:
    """Every file under `path` (relative name -> sha256), for 'nothing changed' checks."""
    found: dict[str, str] = {}
    for item in sorted(path.rglob("*")):
        key = str(item.relative_to(path))
        found[key] = sha256(item) if item.is_file() else "<dir>"
    return found


def utc_today() -> datetime:
    return datetime.now(timezone.utc)


def days_around_now() -> set[str]:
    """Today's UTC date (and the neighbour, should the test straddle midnight)."""
    now = utc_today()
    return {(now + timedelta(seconds=s)).date().isoformat() for s in (-120, 0, 120)}


def assert_refused(result: Result) -> None:
    """Bad input: exit 2, exactly one non-empty line on stderr, no traceback anywhere."""
    assert result.returncode == 2, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result
    assert lines[0].strip(), result
    assert lines[0].startswith("bounce: "), result
    assert "Traceback" not in result.output, result
