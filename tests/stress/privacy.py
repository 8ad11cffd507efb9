"""9. Privacy: file modes, secure delete, crash reports without notes, no network.

    python tests/stress/privacy.py [--rounds 3]

- Under umask 022 and 002: the data folder and backups folder are 0700; the
  database, its journal (live, and hot after a SIGKILL), backups, exports and a
  restored file's set-aside copy are 0600.
- Deleted and edited text (a lesson, with its search index; a rejection's notes;
  a checklist item) is gone from the database file's bytes after the write
  (after a checkpoint where the journal mode is WAL).
- A crash in the app while a note is on screen, and an unexpected error in the
  CLI while a note is being saved, print none of the note's text.
- A scripted app session (check in, log a rejection, keep a lesson, search, quit)
  makes no connect() system call (strace -f), nor a Python-level socket
  connection (audit hook, where strace is missing).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    BOUNCE,
    PYTHON,
    REPO,
    Figures,
    Lines,
    child,
    isolated_env,
    workdir,
)
from tests.stress.terminal import tmux_session  # noqa: E402

SECRET = "SECRET-7f3a-my-private-note"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes(umask: int) -> dict[str, bool]:
    """Create every kind of file bounce makes under `umask`; report which are private."""
    from datetime import datetime, timezone

    from bounce_tui.store.file import doctor
    from bounce_tui.store.repository import Store

    found: dict[str, bool] = {}
    with workdir("modes") as root:
        env = isolated_env(root)
        old = os.umask(umask)
        saved_env = dict(os.environ)
        try:
            data = Path(env["XDG_DATA_HOME"]) / "bounce"
            os.environ["XDG_DATA_HOME"] = env["XDG_DATA_HOME"]
            from bounce_tui import paths

            db = paths.resolve_db_path(None)
            store = Store(db)
            with store.db.writing() as session:
                from bounce_tui.store.models import Setting

                session.add(Setting(key="k", value="v", **store.clock.stamp()))
                session.flush()
                journal = Path(f"{db}-journal")
                found["journal (live) 0600"] = journal.exists() and _mode(journal) == 0o600
            saved = store.files.backup()
            for fmt in ("json", "csv", "md"):
                out = root / f"export.{fmt}"
                subprocess.run([str(BOUNCE), "--db", str(db), "export", "--format", fmt, "-o",
                                str(out)], env=env, check=True, capture_output=True,
                               preexec_fn=lambda: os.umask(umask))  # fmt: skip
                found[f"export {fmt} 0600"] = _mode(out) == 0o600
            store.close()
            aside = doctor.restore(db, saved, datetime.now(timezone.utc))
            found["data folder 0700"] = _mode(data) == 0o700
            found["database 0600"] = _mode(db) == 0o600
            found["backups folder 0700"] = _mode(saved.parent) == 0o700
            found["backups 0600"] = all(_mode(p) == 0o600 for p in saved.parent.iterdir())
            found["set-aside file 0600"] = aside is not None and _mode(aside) == 0o600
            writer = Lines(child("writer", str(db), "w", env=env))
            writer.wait_for("ACK 20")
            os.kill(writer.proc.pid, signal.SIGKILL)
            writer.finish()
            hot = Path(f"{db}-journal")
            found["journal (hot, after SIGKILL) 0600"] = not hot.exists() or _mode(hot) == 0o600
        finally:
            os.umask(old)
            os.environ.clear()
            os.environ.update(saved_env)
    return found


def secure_delete() -> dict[str, bool]:
    from bounce_tui.store.file.engine import journal_mode
    from bounce_tui.store.repository import Store

    words = {
        "deleted lesson": "zqlessonword",
        "edited lesson (old words)": "zqoldword",
        "deleted rejection notes": "zqnoteword",
        "deleted checklist item": "zqitemword",
    }
    with workdir("secure-delete") as root:
        store = Store(root / "bounce.db", template=lambda: [])
        for n in range(40):
            store.lessons.add_lesson(f"filler lesson {n} about preparing stories")
        lesson = store.lessons.add_lesson(f"alpha {words['deleted lesson']}")
        edited = store.lessons.add_lesson(f"beta gamma {words['edited lesson (old words)']} delta")
        rejection = store.rejections.log_rejection(
            "Acme", notes=f"they said {words['deleted rejection notes']}"
        )
        item = store.checklist.add_item(None, f"do {words['deleted checklist item']}")
        before = store.path.read_bytes()
        store.lessons.delete_lesson(lesson)
        store.lessons.edit_lesson(edited, text="remember something else", category="interview")
        store.rejections.delete_rejection(rejection)
        store.checklist.delete_item(item)
        if journal_mode() == "wal":
            with store.db.writing() as session:
                session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        after = store.path.read_bytes()
    return {
        f"{name}: gone from the file": word.encode() in before and word.encode() not in after
        for name, word in words.items()
    }


def _note_focused(coloured_screen: str) -> bool:
    """The check-in form's note field has focus: its cursor splits the placeholder."""
    return " line about today" in coloured_screen and "a line about today" not in coloured_screen


def _until_the_note_has_focus(tmux: Any, timeout: float = 20) -> None:
    """Wait for focus to reach the note; on a busy machine it can lag behind the keys."""
    deadline = time.monotonic() + timeout
    while not _note_focused(tmux.screen(escapes=True)):
        if time.monotonic() > deadline:
            raise AssertionError(f"the note field never had focus:\n{tmux.screen()}")
        time.sleep(0.05)


CRASH_APP = """
import sys
from bounce_tui.widgets import mood_strip
original = mood_strip.MoodStrip.show
def boom(self, today):
    note = today.last_note
    if note:
        raise RuntimeError(f"crashed while showing {note}")
    original(self, today)
mood_strip.MoodStrip.show = boom
from bounce_tui.cli import main
sys.argv = ["bounce", "--db", sys.argv[1]]
main()
"""

CRASH_CLI = """
import sys
from bounce_tui.store.cases import checkins as checkin_cases
def boom(self, mood, *, note="", **kw):
    raise ValueError(f"crashed while holding {note}")
checkin_cases.CheckInCases.check_in = boom
from bounce_tui.store import quick
def quick_boom(path, mood, *, note="", **kw):
    raise ValueError(f"crashed while holding {note}")
quick.check_in = quick_boom  # the quick path writes without the use case
from bounce_tui.cli import main
sys.argv = ["bounce", "--db", sys.argv[1], "checkin", "3", "-n", sys.argv[2]]
main()
"""


def crash_reports() -> dict[str, bool]:
    found: dict[str, bool] = {}
    with workdir("crash") as root:
        env = isolated_env(root)
        db = root / "data" / "bounce.db"
        db.parent.mkdir(mode=0o700)  # a folder named with --db must exist
        (root / "crash_app.py").write_text(CRASH_APP)
        raw = root / "app.bin"
        with tmux_session("crash", env) as tmux:
            run = f"{PYTHON} {root}/crash_app.py {db}"  # Textual draws on stderr: not redirected
            tmux.start(f"sh -c 'while [ ! -e {root}/go ]; do sleep 0.05; done; "
                       f"{run}; echo EXITED-$?; sleep 30'")  # fmt: skip
            tmux.record(raw)
            (root / "go").touch()
            tmux.wait_for("No check-in yet")
            tmux.open_check_in(3)
            tmux.keys("Tab", "Tab")
            _until_the_note_has_focus(tmux)
            tmux.literal(SECRET)
            tmux.wait_for(SECRET)  # the note is on screen before the save crashes the app
            tmux.keys("C-s")
            screen = tmux.wait_for("EXITED-", timeout=20)
        output = raw.read_bytes()
        after_crash = output.rsplit(b"\x1b[?1049l", 1)[-1] if b"\x1b[?1049l" in output else output
        found["app: the crash was reported"] = "unexpected error" in screen
        found["app: the note was on screen before the crash"] = SECRET.encode() in output
        found["app: crash report free of the note"] = SECRET.encode() not in after_crash
        found["app: final screen free of the note"] = SECRET not in screen
        (root / "crash_cli.py").write_text(CRASH_CLI)
        result = subprocess.run([PYTHON, str(root / "crash_cli.py"), str(db), SECRET], env=env,
                                capture_output=True, text=True, cwd=REPO)  # fmt: skip
        found["cli: the error was reported in one line"] = (
            result.returncode == 1 and len(result.stderr.splitlines()) == 1
        )
        found["cli: output free of the note"] = SECRET not in result.stdout + result.stderr
    return found


AUDIT = """
import sys
log = open(sys.argv[1], "a")
def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
        log.write(f"{event} {args!r}\\n"); log.flush()
sys.addaudithook(hook)
from bounce_tui.cli import main
sys.argv = ["bounce", "--db", sys.argv[2]]
main()
"""


def no_network() -> dict[str, object]:
    found: dict[str, object] = {}
    with workdir("network") as root:
        env = isolated_env(root)
        db = root / "data" / "bounce.db"
        db.parent.mkdir(mode=0o700)
        (root / "audit.py").write_text(AUDIT)
        trace, audit = root / "strace.txt", root / "audit.txt"
        audit.touch()
        command = f"{PYTHON} {root}/audit.py {audit} {db}"
        if shutil.which("strace"):
            command = f"strace -f -qq -e trace=connect -o {trace} {command}"
        with tmux_session("network", env) as tmux:
            tmux.start(f"sh -c '{command}; echo EXITED-$?; sleep 30'")
            tmux.wait_for("No check-in yet")
            tmux.open_check_in(4)
            tmux.keys("C-s")
            tmux.wait_for("Today: good")
            tmux.keys("r")
            tmux.wait_for("Company")
            tmux.literal("Acme")
            tmux.wait_for("Acme")  # typed into the company field
            tmux.keys("Enter")
            tmux.wait_for(" left")
            tmux.keys("/")
            tmux.wait_for("search…")  # the search box is drawn (what comes earlier is lost)
            tmux.literal("team")
            # typed into the search box (its placeholder gone): a search runs
            tmux.wait_for(lambda screen: "team" in screen and "search…" not in screen)
            tmux.keys("Escape")
            # the box is closed (a key sent while focus moves can be lost), then quit
            tmux.wait_for(lambda screen: "team" not in screen and "search…" not in screen)
            tmux.keys("q")
            tmux.wait_for("EXITED-", timeout=15)
        calls = trace.read_text().count("connect(") if trace.exists() else None
        found["connect() system calls (strace -f)"] = (
            calls if calls is not None else "strace missing"
        )
        found["Python socket connections (audit hook)"] = len(audit.read_text().splitlines())
    return found


def run(rounds: int) -> Figures:
    figures = Figures(f"privacy ({rounds} rounds)")
    bad = 0
    for mask in (0o022, 0o002):
        totals: dict[str, int] = {}
        for _ in range(rounds):
            for key, ok in modes(mask).items():
                totals[key] = totals.get(key, 0) + ok
        figures[f"umask {mask:03o}"] = "; ".join(f"{k} {v}/{rounds}" for k, v in totals.items())
        bad += sum(rounds - v for v in totals.values())
    for name, check in (("secure delete", secure_delete), ("crash reports", crash_reports)):
        outcome = check()
        figures[name] = "; ".join(f"{k}: {v}" for k, v in outcome.items())
        bad += sum(not v for v in outcome.values())
    network = no_network()
    figures["scripted app session"] = "; ".join(f"{k}: {v}" for k, v in network.items())
    bad += sum(v != 0 for v in network.values() if isinstance(v, int))
    figures["_bad"] = bad
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.rounds).print()


if __name__ == "__main__":
    main()
