"""8. Hostile text: exact round trips, and no control byte from user text reaches a terminal.

    python tests/stress/hostile_text.py [--examples 1000]

Part 1 (hypothesis): every text field is written through the Store with
arbitrary Unicode (lone surrogates, controls, markup, huge strings mixed in);
each value must either come back from the file exactly (outer whitespace
trimmed; tags lower-cased) or be refused with a DomainError for a stated reason
(empty, too long, not storable). Any other exception is a failure.

Part 2 (fixed cases, in tmux): canary texts holding ESC, CSI, OSC, C1 (`\\x9b`),
NUL, DEL, bidi overrides, Rich markup and a ZWJ emoji are stored, then shown by
`bounce status`, `bounce lesson --search`, `bounce export` (csv, md, json) on a
terminal and by the app. Every byte the programs wrote to the terminal is
recorded (tmux pipe-pane): no control byte that came from user text may be in it,
the screen must show each text's visible form, and clicking every cell of the
row holding `[@click=app.quit]x[/]` must run nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import BOUNCE, Figures, isolated_env, query, workdir  # noqa: E402
from tests.stress.terminal import bounce_pid, process_alive, tmux_session  # noqa: E402

FIXED = ["[/]", "[/", "[bold]", "[@click=app.quit]x[/]", "[link=file:///x]", "\x1b[31m",
         "\x1b]0;PWNED\x07", "\x1b]8;;file:///etc\x1b\\", "\x9b31m", "\x00", "\x7f", "\u202e",
         "\u2066", "👩\u200d👩\u200d👧\u200d👦", "\ud800", "\udfff", "a" * 100_001]  # fmt: skip
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)


def _fields(store: Any) -> dict[str, tuple[Callable[[str], Any], bool, int, str]]:
    """name -> (write text and return what to look up, required, max length, how it is read)."""
    counter = iter(range(10**9))

    def rejection(**kw: str) -> str:
        return store.rejections.log_rejection(kw.pop("company", "Acme"), **kw)

    def close_note(text: str) -> str:
        period = store.read.mourning_for(rejection())
        store.mourning.end_mourning(period.period_id, text)
        return period.period_id

    return {
        "check-in note": (lambda t: store.checkins.check_in(3, note=t).checkin_id, False, 100_000,
                          "SELECT note FROM checkin WHERE id = ?"),
        "check-in tag": (lambda t: store.checkins.check_in(3, tags=[t]).checkin_id, False, 40,
                         "SELECT tags FROM checkin WHERE id = ?"),
        "rejection company": (lambda t: rejection(company=t), True, 200,
                              "SELECT company FROM rejection WHERE id = ?"),
        "rejection role": (lambda t: rejection(role=t), False, 200,
                           "SELECT role FROM rejection WHERE id = ?"),
        "rejection contact": (lambda t: rejection(contact=t), False, 200,
                              "SELECT contact FROM rejection WHERE id = ?"),
        "rejection notes": (lambda t: rejection(notes=t), False, 100_000,
                            "SELECT notes FROM rejection WHERE id = ?"),
        "lesson text": (lambda t: store.lessons.add_lesson(t), True, 100_000,
                        "SELECT text FROM lesson WHERE id = ?"),
        "lesson tag": (lambda t: store.lessons.add_lesson("x", tags=[t]), False, 40,
                       "SELECT tags FROM lesson WHERE id = ?"),
        "checklist title": (lambda t: store.checklist.add_item(None, t), True, 500,
                            "SELECT title FROM checklist_item WHERE id = ?"),
        "checklist why": (lambda t: store.checklist.add_item(None, "x", why=t), False, 2000,
                          "SELECT why FROM checklist_item WHERE id = ?"),
        "close-out note": (close_note, False, 100_000,
                           "SELECT close_note FROM mourning_period WHERE id = ?"),
        "interview company": (lambda t: store.interviews.add_interview(t, NOW + timedelta(days=1)),
                              True, 200, "SELECT company FROM interview WHERE id = ?"),
        "urge kind": (lambda t: store.mourning.log_urge(None, t), True, 200,
                      "SELECT kind FROM urge WHERE id = ?"),
        "skip reason": (lambda t: store.checkins.skip_day(
                            NOW.date() - timedelta(days=next(counter)), t), False, 100_000,
                        "SELECT reason FROM skip_day WHERE id = ?"),
    }  # fmt: skip


def expected(
    text: str, required: bool, max_len: int, tag: bool, nul_checked: bool = False
) -> str | None:
    """What the file must hold, or None when a DomainError is the right answer."""
    value = (text.lower() if tag else text).strip()
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return None
    if (required and not value) or len(value) > max_len:
        return None
    if nul_checked and value.startswith("\x00"):
        return None  # SQLite's length() stops at a NUL: the CHECK on company needs a real start
    return value


def _checker(
    examples: int, texts: Any, write: Callable[[str], Any], required: bool, max_len: int,
    sql: str, tag: bool, tally: dict[str, int], failures: list[str], nul_checked: bool,
) -> Callable[[], None]:  # fmt: skip
    """A hypothesis test of one field: stored exactly, or refused for a stated reason."""
    from hypothesis import HealthCheck, given, settings

    from bounce_tui.domain.errors import DomainError

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(texts)
    def check(text: str) -> None:
        want = expected(text, required, max_len, tag, nul_checked)
        try:
            key = write(text)
        except DomainError:
            outcome = "refused with a message" if want is None else "wrong"
        except Exception as exc:  # noqa: BLE001 - counted as a failure
            outcome = "wrong"
            failures.append(f"{type(exc).__name__}: {exc}"[:200])
        else:
            (stored,) = query(STORE_PATH[0], sql, (key,))[0]
            if tag:
                stored = (json.loads(stored) or [""])[0]
            outcome = "stored exactly" if want is not None and stored == want else "wrong"
        tally[outcome] += 1
        if outcome == "wrong" and not failures:
            failures.append(f"{text!r}"[:200])

    return check


STORE_PATH: list[Path] = [Path()]


def round_trips(examples: int) -> Figures:
    from hypothesis import strategies as st

    from bounce_tui.store.repository import Store

    figures = Figures(f"hostile text round trips ({examples} examples per field)")
    any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
    pieces = st.one_of(st.text(any_char, max_size=60), st.sampled_from(FIXED))
    texts = st.lists(pieces, max_size=6).map("".join)
    total_bad = 0
    with workdir("hostile-text") as root:
        store = Store(root / "bounce.db", now=lambda: NOW, template=lambda: [])
        STORE_PATH[0] = store.path
        for name, (write, required, max_len, sql) in _fields(store).items():
            tag = name.endswith("tag")
            tally = {"stored exactly": 0, "refused with a message": 0, "wrong": 0}
            failures: list[str] = []

            check = _checker(examples, texts, write, required, max_len, sql, tag, tally, failures,
                             name == "rejection company")  # fmt: skip
            check()
            total_bad += tally["wrong"]
            shown = ", ".join(f"{k} {v}" for k, v in tally.items())
            figures[name] = shown + (f" (first: {failures[0]})" if failures else "")
        store.close()
    figures["examples that raised or came back different"] = total_bad
    figures["_bad"] = total_bad
    return figures


# -- part 2: the terminal --------------------------------------------------------------------

CANARIES = {
    "ESC": "\x1b", "CSI": "\x1b[31m", "OSC": "\x1b]0;PWNED\x07", "OSC8": "\x1b]8;;file:///x\x1b\\",
    "C1": "\x9b31m", "NEL": "\x85", "NUL": "\x00", "BEL": "\x07", "BS": "\x08", "CR": "\r",
    "VT": "\x0b", "DEL": "\x7f", "RLO": "\u202e", "LRI": "\u2066",
}  # fmt: skip
MARKUP = ["[/]", "[/", "[bold]B1[/bold]", "[@click=app.quit]x[/]", "[link=file:///x]L1"]
EMOJI = "👩\u200d👩\u200d👧\u200d👦"


def seed_canaries(db: Path) -> None:
    from bounce_tui.store.repository import Store

    store = Store(db, template=lambda: [])
    for number, (name, seq) in enumerate(CANARIES.items()):
        store.lessons.add_lesson(f"Q{number}{seq}Z{number} {name}")
    for number, text in enumerate(MARKUP):
        store.lessons.add_lesson(f"M{number} {text}")
    store.lessons.add_lesson(f"E1 {EMOJI} E2")
    store.rejections.log_rejection("Acme \x1b[2J\x9b2J", notes="\x1b]0;PWNED\x07")
    store.checklist.add_item(None, "[@click=app.quit]x[/]")
    store.checkins.check_in(3, note="N1\x1b[5mN2 [@click=app.quit]x[/]")
    store.close()


def leaks(raw: bytes) -> list[str]:
    """Control bytes from user text in what reached the terminal."""
    found = []
    for number, (name, seq) in enumerate(CANARIES.items()):
        if f"Q{number}".encode() + seq[0].encode("utf-8") in raw:
            found.append(name)
    for name, needle in (("a C1 control", None), ("NUL", b"\x00"), ("RLO", "\u202e".encode()),
                         ("LRI", "\u2066".encode()), ("OSC title", b"\x1b]0;PWNED")):  # fmt: skip
        if needle is None:
            if any(bytes((0xC2, c)) in raw for c in range(0x80, 0xA0)):
                found.append(name)
        elif needle in raw:
            found.append(name)
    return found


def click_row(tmux: Any, row: int, width: int) -> None:
    """Left-click every cell of screen row `row` (0-based) with SGR mouse reports."""
    for column in range(1, width + 1):
        tmux.literal(f"\x1b[<0;{column};{row + 1}M\x1b[<0;{column};{row + 1}m")
        time.sleep(0.01)


def terminal(width: int = 160, height: int = 50) -> Figures:
    from bounce_tui.domain.text import visible

    figures = Figures("hostile text on a terminal")
    with workdir("hostile-term") as root:
        env = isolated_env(root)
        db = root / "data" / "bounce.db"
        db.parent.mkdir(mode=0o700)
        seed_canaries(db)
        cli_raw, app_raw = root / "cli.bin", root / "app.bin"
        commands = "; ".join(f"{BOUNCE} --db {db} {c}" for c in (
            "status", "lesson --search end", "export --format csv", "export --format md",
            "export --format json"))  # fmt: skip
        with tmux_session("hostile-cli", env) as tmux:
            tmux.start(f"sh -c 'while [ ! -e {root}/go ]; do sleep 0.05; done; {commands}; "
                       "echo ALL-DONE; sleep 60'", width, height)  # fmt: skip
            tmux.record(cli_raw)
            (root / "go").touch()
            tmux.wait_for("ALL-DONE", timeout=60)
        raw = cli_raw.read_bytes()
        figures["cli: bytes written to the terminal"] = len(raw)
        figures["cli: control bytes from user text"] = leaks(raw) or "none"
        figures["cli: ESC bytes at all (the CLI writes no colour)"] = raw.count(b"\x1b")
        with tmux_session("hostile-app", env) as tmux:
            tmux.start(f"sh -c 'while [ ! -e {root}/go2 ]; do sleep 0.05; done; "
                       f"exec {BOUNCE} --db {db}'", width, height)  # fmt: skip
            tmux.record(app_raw)
            (root / "go2").touch()
            screen = tmux.wait_for("E1", timeout=30)
            pid = bounce_pid(tmux)
            shown = [f"Q{n}{visible(seq)[0]}" for n, seq in enumerate(CANARIES.values())]
            # Let the screen settle: wait (up to 30 s) until every canary and markup row
            # is drawn; what is still missing then is counted below.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not (
                all(s in screen for s in shown) and all(m in screen for m in MARKUP)
            ):
                time.sleep(0.1)
                screen = tmux.screen()
            figures["app: canaries shown in visible form"] = (
                f"{sum(s in screen for s in shown)}/{len(shown)}"
            )
            marked = sum(m in screen for m in MARKUP)
            figures["app: markup shown literally"] = f"{marked}/{len(MARKUP)}"
            lines = screen.splitlines()
            before = tmux.screen(escapes=True)
            click_row(tmux, next(n for n, line in enumerate(lines) if "E1" in line), 12)
            moved = False
            for _ in range(600):  # up to 30 s on a loaded machine
                moved = tmux.screen(escapes=True) != before
                if moved:
                    break
                time.sleep(0.05)
            figures["app: a click reaches the app (it moved the highlight)"] = moved
            rows = [n for n, line in enumerate(lines) if "@click" in line]
            for row in rows:
                click_row(tmux, row, width)
            time.sleep(1.0)  # a crash from the clicks would show by now: nothing must happen
            figures["app: rows holding [@click=...] clicked, every cell"] = len(rows)
            figures["app: still running after the clicks"] = process_alive(pid) and not tmux.dead()
            figures["app: pane title untouched"] = "PWNED" not in tmux.flag("pane_title")
            tmux.keys("q")
            deadline = time.monotonic() + 10
            while process_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
        raw = app_raw.read_bytes()
        figures["app: bytes written to the terminal"] = len(raw)
        figures["app: control bytes from user text"] = leaks(raw) or "none"
        figures["app: ZWJ emoji bytes intact"] = EMOJI.encode() in raw
        figures["rows in the file unchanged"] = query(db, "SELECT count(*) FROM lesson")[0][0] == (
            len(CANARIES) + len(MARKUP) + 1
        )
        figures["_bad"] = (
            (figures["cli: control bytes from user text"] != "none")
            + (figures["app: control bytes from user text"] != "none")
            + (figures["app: canaries shown in visible form"] != f"{len(shown)}/{len(shown)}")
            + (figures["app: markup shown literally"] != f"{len(MARKUP)}/{len(MARKUP)}")
            + (not figures["app: still running after the clicks"]) + (not rows)
            + (not figures["app: pane title untouched"])
            + (not figures["app: ZWJ emoji bytes intact"])
            + (not figures["app: a click reaches the app (it moved the highlight)"])
        )  # fmt: skip
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000)
    args = parser.parse_args()
    terminal().print()
    round_trips(args.examples).print()


if __name__ == "__main__":
    main()
