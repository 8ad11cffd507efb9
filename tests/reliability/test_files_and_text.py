"""Quick versions of items 5, 6, 8 and 11 (damaged files, backups, hostile text, exports).

The long versions: tests/stress/corrupt_files.py, backups.py, hostile_text.py, exports.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.repository import Store
from tests.stress import backups, corrupt_files, exports, hostile_text
from tests.stress.harness import cli, isolated_env, query
from tests.stress.terminal import HAVE_TMUX

needs_tmux = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def test_damaged_files_are_refused_untouched_and_restorable() -> None:
    figures = corrupt_files.run(1, tui=True, commands=2, workers=2)
    assert figures["failures"] == 0, figures.values


def test_a_write_into_a_file_with_a_zeroed_page_is_refused(tmp_path: Path) -> None:
    # Known gap (a): the zeroed page is not on the check-in's path, so without the
    # check before writing the insert succeeded and the damaged original was gone.
    import random

    from tests.stress.harness import new_db, sha256

    db = new_db(tmp_path / "data" / "bounce.db", checkins=200, lessons=200)
    corrupt_files.zeroed_page(db, random.Random(3))
    before = sha256(db)
    result = cli(isolated_env(tmp_path), db, "checkin", "3")
    assert result.code == 1 and result.one_clean_line(), result
    assert "damaged" in result.stderr and "doctor --restore" not in result.stderr, result
    assert sha256(db) == before


def test_backups_rotate_and_every_kept_one_restores() -> None:
    figures = backups.calendar(days=35)
    assert figures["_bad"] == 0, figures.values
    assert figures["automatic backups kept at the end"] <= 7 + 4, figures.values
    assert figures["backups kept at the end"] >= 35  # every manual one, one a day


def test_backups_taken_while_the_cli_writes_are_all_good() -> None:
    figures = backups.concurrent(copies=6)
    assert figures["_bad"] == 0, figures.values


def test_hostile_text_round_trips_in_every_field() -> None:
    figures = hostile_text.round_trips(examples=40)
    assert figures["_bad"] == 0, figures.values


def test_a_megabyte_is_refused_with_a_message_and_the_longest_note_round_trips(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "bounce.db", template=lambda: [])
    with pytest.raises(DomainError, match="at most 100,000 characters"):
        store.checkins.check_in(3, note="x" * 1_000_000)
    with pytest.raises(DomainError, match="cannot be stored"):
        store.lessons.add_lesson("half a pair \ud83d")
    longest = "👩\u200d👧" * 33_333  # 99,999 characters, 466 KB of UTF-8
    row = store.checkins.check_in(3, note=longest)
    assert query(store.path, "SELECT note FROM checkin WHERE id = ?", (row.checkin_id,)) == [
        (longest,)
    ]
    store.close()


def test_lone_surrogates_on_the_command_line_are_refused(tmp_path: Path) -> None:
    import os
    import subprocess

    from tests.stress.harness import BOUNCE

    db = tmp_path / "bounce.db"
    argv = [os.fsencode(str(BOUNCE)), b"--db", os.fsencode(str(db)), b"checkin", b"3", b"-n",
            b"bad \xed\xa0\x80 bytes"]  # fmt: skip
    proc = subprocess.run(argv, env=isolated_env(tmp_path), capture_output=True)
    assert proc.returncode == 2, proc
    assert proc.stderr.decode().startswith("bounce: note contains characters"), proc
    assert not db.exists() or query(db, "SELECT count(*) FROM checkin") == [(0,)]


@needs_tmux
def test_no_control_byte_from_user_text_reaches_the_terminal() -> None:
    figures = hostile_text.terminal()
    assert figures["_bad"] == 0, figures.values


def test_exports_neutralise_formulas_escape_html_and_round_trip() -> None:
    figures = exports.hypothesis_checks(examples=8)
    assert figures["_bad"] == 0, figures.values


def test_exports_and_backups_never_overwrite_without_force() -> None:
    figures = exports.overwrite_checks()
    assert figures["_bad"] == 0, figures.values
