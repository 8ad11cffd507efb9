"""Two app windows on one file editing one lesson: never a silent overwrite, never lost text.

    python tests/stress/two_windows.py [--runs 10]

Two `bounce` apps run in two tmux servers on the same database. In each run both
open the edit form of the same lesson and type a different situation; window A
saves first, then window B. B must be asked ("Changed in another window") and
nothing of B's may be in the file until it answers; even runs answer `m` (keep
mine: B's text is stored), odd runs `t` (take theirs: A's text stays, B's form
closes). A last phase deletes the lesson from a third program while A's form is
open: A must keep the text, ask, and `n` must store it as a new lesson.

Figures: runs, how often B was asked, silent overwrites (B's text stored without a
question), wrong outcomes after the answer, the deletion phase, integrity.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    BOUNCE,
    Figures,
    cli,
    integrity,
    isolated_env,
    query,
    workdir,
)
from tests.stress.terminal import Tmux, tmux_session  # noqa: E402

LESSON = "Ask who I would work with"
ASKED = "Changed in another window"
GONE = "Deleted in another window"


def _prompt(db: Path) -> str:
    found = query(db, "SELECT prompt FROM lesson WHERE text = ?", (LESSON,))
    return str(found[0][0]) if found else ""


def _wait(condition: object, what: str, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    print(f"  timed out: {what}", file=sys.stderr)
    return False


def _open_form(window: Tmux, words: str) -> None:
    """Focus the lessons pane, open the highlighted lesson's form, type the situation."""
    deadline = time.monotonic() + 30
    while "Edit lesson" not in window.screen():  # keys sent while it starts may be dropped
        if time.monotonic() > deadline:
            raise AssertionError(f"the lesson form never opened:\n{window.screen()}")
        window.keys("2")
        time.sleep(0.2)
        window.keys("e")
        time.sleep(0.5)
    time.sleep(0.5)  # the first field takes focus a moment after the form appears
    # Empty the situation (it holds the stored one, and maybe a late "2"), then type.
    window.keys("End", "C-u")
    window.wait_for(lambda screen: "Situation     the moment" in screen)
    window.literal(words)
    window.wait_for(words)


def _back_to_main(window: Tmux) -> bool:
    return _wait(lambda: "Edit lesson" not in window.screen(), "the form to close")


def run(runs: int) -> Figures:
    figures = Figures(f"two windows editing one lesson ({runs} runs)")
    asked = silent = wrong = 0
    with workdir("two-windows") as root:
        env = isolated_env(root)
        db = root / "data" / "bounce.db"
        db.parent.mkdir(parents=True)
        cli(env, db, "lesson", LESSON)
        command = f"{BOUNCE} --db {db}"
        with tmux_session("two-a", env) as a, tmux_session("two-b", env) as b:
            for window in (a, b):
                window.start(command)
                window.wait_for("Lessons")
            for number in range(runs):
                mine, theirs = f"B{number}: my words", f"A{number}: their words"
                time.sleep(1.5)  # both watchers (1 s) have seen the last run's write
                _open_form(a, theirs)
                _open_form(b, mine)
                a.keys("C-s")
                _wait(lambda theirs=theirs: _prompt(db) == theirs, "A's save")  # type: ignore[misc]
                _back_to_main(a)
                b.keys("C-s")
                question = _wait(
                    lambda mine=mine: ASKED in b.screen() or _prompt(db) == mine,  # type: ignore[misc]
                    "B's save",
                )
                if _prompt(db) == mine:
                    silent += 1  # stored without asking
                elif question:
                    asked += 1
                keep = number % 2 == 0
                b.keys("m" if keep else "t")
                expected = mine if keep else theirs
                settled = _wait(lambda expected=expected: _prompt(db) == expected, "the answer")  # type: ignore[misc]
                closed = _back_to_main(b)
                wrong += not (settled and closed and _prompt(db) == expected)
            # Deleted by a third program while A's form is open.
            words = "A: kept through a deletion"
            _open_form(a, words)
            lesson_id = query(db, "SELECT id FROM lesson WHERE text = ?", (LESSON,))[0][0]
            from bounce_tui.store.repository import Store

            other = Store(db)
            try:
                other.lessons.delete_lesson(lesson_id)
            finally:
                other.close()
            time.sleep(1.5)  # A's watcher sees it within a second
            text_kept = words in a.screen()
            a.keys("C-s")
            gone_asked = _wait(lambda: GONE in a.screen(), "the deleted question")
            a.keys("n")
            saved_new = _wait(
                lambda: (
                    query(db, "SELECT count(*) FROM lesson WHERE prompt = ?", (words,))[0][0] == 1
                ),
                "the new lesson",
            )
        figures["runs"] = runs
        figures["B asked before anything of B's was stored"] = f"{asked}/{runs}"
        figures["silent overwrites"] = silent
        figures["wrong outcome after m / t"] = wrong
        figures["deleted elsewhere: text still in A's form"] = text_kept
        figures["deleted elsewhere: asked save as new / discard"] = gone_asked
        figures["deleted elsewhere: saved as a new lesson"] = saved_new
        figures["integrity_check"] = integrity(db)
    figures["_bad"] = (
        (runs - asked)
        + silent
        + wrong
        + (not text_kept)
        + (not gone_asked)
        + (not saved_new)
        + (figures["integrity_check"] != "ok")
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    figures = run(args.runs)
    figures.print()
    sys.exit(1 if figures["_bad"] else 0)


if __name__ == "__main__":
    main()
