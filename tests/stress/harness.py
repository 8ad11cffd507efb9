"""Shared by the stress scripts and their quick versions in tests/reliability.

Each stress script has a `run(...)` that returns its figures as a dict; its
`main()` prints them, and the quick test calls `run` with a few runs and asserts
on the same figures. Children run `python -m tests.stress.children NAME ...`
from the repository root, with a private HOME and XDG folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BOUNCE = Path(sys.executable).parent / "bounce"
TABLES = (
    "rejection", "mourning_period", "checklist_item", "lesson", "lesson_review",
    "checkin", "skip_day", "interview", "urge", "setting",
)  # fmt: skip


def isolated_env(root: Path) -> dict[str, str]:
    """A child's environment: HOME and XDG folders under `root`, UTC, no BOUNCE_DB."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOUNCE_", "XDG_", "PYTEST_", "TMUX")) and k not in ("TZ", "COLUMNS")
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
        PYTHONIOENCODING="utf-8",
        PYTHONPATH=str(REPO),
        LC_ALL="C.UTF-8",
        TERM="xterm-256color",
    )
    # Under pytest the children share one bytecode cache outside the source tree
    # (PYTHONPYCACHEPREFIX, set by tests/conftest.py); otherwise they write none.
    if env.get("PYTHONPYCACHEPREFIX"):
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@dataclass
class Result:
    """One finished CLI run."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    seconds: float

    def one_clean_line(self) -> bool:
        """A failure reported as exactly one 'bounce: ...' line and no traceback."""
        lines = self.stderr.splitlines()
        return (
            len(lines) == 1
            and lines[0].startswith("bounce: ")
            and "Traceback" not in self.stdout + self.stderr
        )


def cli(env: dict[str, str], db: Path | None, *args: str, timeout: float = 120) -> Result:
    """Run the installed `bounce` (with `--db DB` unless None) and collect what it did."""
    cmd = [str(BOUNCE)] + (["--db", str(db)] if db is not None else []) + list(args)
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, cwd=REPO)
    return Result(
        tuple(args),
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


def child(name: str, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """Start `python -m tests.stress.children NAME ARGS` with stdout as a text pipe."""
    return subprocess.Popen(
        [PYTHON, "-m", "tests.stress.children", name, *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class Lines:
    """Collects a child's stdout lines in a thread, with the time each arrived."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: list[tuple[float, str]] = []
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                break  # cut off by the kill: never acknowledged
            with self._cond:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self._cond.notify_all()

    def wait_for(self, prefix: str, timeout: float = 60) -> float:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for moment, line in self.lines:
                    if line.startswith(prefix):
                        return moment
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None and not self._thread.is_alive():
                    err = self.proc.stderr.read() if self.proc.stderr else ""
                    raise AssertionError(f"child never said {prefix!r}: {err[-2000:]}")
                self._cond.wait(min(left, 0.1))

    def finish(self, timeout: float = 30) -> list[str]:
        self.proc.wait(timeout)
        self._thread.join(timeout)
        return [line for _, line in self.lines]


# -- reading databases with the standard library ---------------------------------------


def query(db: Path, sql: str, params: Sequence[object] = ()) -> list[Any]:
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as conn:
        return conn.execute(sql, tuple(params)).fetchall()


def integrity(db: Path) -> str:
    try:
        return str(query(db, "PRAGMA integrity_check")[0][0])
    except sqlite3.Error as exc:
        return f"error: {exc}"


def counts(db: Path) -> dict[str, int]:
    """Rows per table; the database's own id (a setting made at its first backup) aside."""
    found = {name for (name,) in query(db, "SELECT name FROM sqlite_master WHERE type='table'")}
    where = {"setting": " WHERE key != 'database.id'"}
    return {
        t: query(db, f"SELECT count(*) FROM {t}{where.get(t, '')}")[0][0]
        for t in TABLES
        if t in found
    }


def content_digest(db: Path, like: Path | None = None) -> str:
    """A digest of every row of every bounce table (the file's meaning, not its bytes).

    With `like`, only the columns that file has count: a migrated file then digests
    the same as its older original when the migration only added columns.
    """
    digest = hashlib.sha256()
    for table in counts(db):
        names = [row[1] for row in query(like or db, f"PRAGMA table_info({table})")]
        columns = ", ".join(f'"{name}"' for name in names)
        where = " WHERE key != 'database.id'" if table == "setting" else ""
        for row in query(db, f"SELECT {columns} FROM {table}{where} ORDER BY 1"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema_objects(db: Path) -> set[str]:
    return {name for (name,) in query(db, "SELECT name FROM sqlite_master")}


# -- making databases ------------------------------------------------------------------

WORDS = [
    "team",
    "roadmap",
    "salary",
    "questions",
    "story",
    "coding",
    "design",
    "feedback",
    "nerves",
    "offer",
]


def fill(db: Path, *, checkins: int = 50, lessons: int = 50, seed: int = 1) -> None:
    """Add rows quickly with plain SQL (a bounce schema must exist; v1 or newer)."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA secure_delete = ON")
    with conn:
        for n in range(checkins):
            at = start + timedelta(hours=7 * n)
            stamp = at.isoformat(timespec="microseconds")
            conn.execute(
                "INSERT INTO checkin VALUES (?,?,?,?,?,?,?,?,?)",
                (f"c-{seed}-{n}", stamp, stamp, rng.randint(1, 5), None,
                 f"note {n} " + " ".join(rng.choices(WORDS, k=rng.randint(0, 30))), "[]",
                 stamp, at.date().isoformat()),
            )  # fmt: skip
        for n in range(lessons):
            stamp = (start + timedelta(minutes=n)).isoformat(timespec="microseconds")
            long_text = " ".join(rng.choices(WORDS, k=rng.choice((5, 40, 40, 400))))
            conn.execute(
                "INSERT INTO lesson (id, created_at, updated_at, text, category, tags, "
                "recurring, due, card_state) VALUES (?,?,?,?,?,?,?,?,?)",
                (f"l-{seed}-{n}", stamp, stamp, long_text, "interview", "[]", 0, stamp, 1),
            )
    conn.close()


def new_db(path: Path, **fill_args: Any) -> Path:
    """A current-schema bounce database at `path` holding some rows."""
    from bounce_tui.store.repository import Store

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    Store(path).close()
    fill(path, **fill_args)
    return path


def v1_db(path: Path, **fill_args: Any) -> Path:
    """A schema-version-1 bounce database (before steps 2 and 3) holding some rows."""
    from bounce_tui.store.file import migrations

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    migrations.open_database(path, lambda: datetime.now(timezone.utc), migrations.STEPS[:1])
    fill(path, **fill_args)
    return path


@contextlib.contextmanager
def workdir(prefix: str, keep: bool = False) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=f"bounce-{prefix}-"))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def held_lock(db: Path, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Connection]:
    """Another program's connection holding a lock on `db` ("IMMEDIATE" or "EXCLUSIVE")."""
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute(f"BEGIN {mode}")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


# -- figures ---------------------------------------------------------------------------


@dataclass
class Figures:
    """A script's measured figures, in the order they were taken."""

    title: str
    values: dict[str, Any] = field(default_factory=dict)

    def __setitem__(self, key: str, value: Any) -> None:
        self.values[key] = value

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def print(self) -> None:
        print(f"== {self.title}")
        for key, value in self.values.items():
            if key.startswith("_"):
                continue
            shown = f"{value:.3f}" if isinstance(value, float) else value
            print(f"{key}: {shown}")


def percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
