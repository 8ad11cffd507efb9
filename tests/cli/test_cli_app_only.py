"""`bounce` and `bounce --db PATH` open the app without building the parser; every
command line read that way reads the same as the parser reads it."""

from __future__ import annotations

import subprocess
import sys
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.cli import run
from bounce_tui.cli.common import AppOnly, UsageError, app_only
from bounce_tui.cli.parser import parse

pytestmark = pytest.mark.usefixtures("collector_as_found")

WORDS = st.lists(
    st.one_of(
        st.sampled_from(["--db", "--db=", "-h", "--version", "status", "-", "--", "--d"]),
        st.text(min_size=0, max_size=12).filter(lambda w: "\x00" not in w),
    ),
    max_size=3,
)


def _parsed(words: list[str]) -> tuple[object, object] | None:
    try:
        with mock.patch("sys.stdout"), mock.patch("sys.stderr"):
            args = parse(words)
    except (UsageError, SystemExit):
        return None
    return args.db, args.command


@given(WORDS)
def test_what_app_only_reads_the_parser_reads_the_same(words: list[str]) -> None:
    fast = app_only(words)
    if fast is not None:
        assert _parsed(words) == (fast.db, None)


def test_the_usual_ways_to_open_the_app_are_read_without_the_parser() -> None:
    assert app_only([]) == AppOnly(None)
    assert app_only(["--db", "/data/bounce.db"]) == AppOnly("/data/bounce.db")
    assert app_only(["--db=/data/bounce.db"]) == AppOnly("/data/bounce.db")
    assert app_only(["--db", "-x"]) is None  # the parser says what is wrong with it
    assert app_only(["status"]) is None
    assert app_only(["--db", "a.db", "status"]) is None


def test_opening_the_app_never_imports_argparse() -> None:
    probe = (
        "import sys\n"
        "from bounce_tui.cli import tui\n"
        "tui.open_tui = lambda args, start='main': print(args.db, 'argparse' in sys.modules)\n"
        "from bounce_tui.cli import run\n"
        "run(['--db', 'x.db'])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["x.db", "False"]


def test_a_missing_folder_is_still_refused_on_the_quick_path(tmp_path, capsys) -> None:
    code = run(["--db", str(tmp_path / "nowhere" / "bounce.db")])
    assert code == 2
    assert "there is no folder" in capsys.readouterr().err
