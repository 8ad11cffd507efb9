"""Display safety and input validation of user text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import clean_tags, clean_text, one_line, visible

FORBIDDEN = (
    {chr(c) for c in range(0x20) if c not in (0x09, 0x0A)}
    | {"\x7f"}
    | {chr(c) for c in range(0x80, 0xA0)}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)


def test_domain_error_is_a_value_error_with_a_sentence() -> None:
    error = DomainError("mood must be a whole number from 1 to 5")
    assert isinstance(error, ValueError)
    assert str(error) == "mood must be a whole number from 1 to 5"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x00", "␀"),
        ("\x1b[31mred", "␛[31mred"),
        ("a\rb", "a␍b"),
        ("\x7f", "␡"),
        ("\x85", "\ufffd"),
        ("\x9b", "\ufffd"),
        ("abc\u202edef", "abc\ufffddef"),
        ("\u2066x\u2069", "\ufffdx\ufffd"),
    ],
)
def test_visible_replaces_controls(raw: str, shown: str) -> None:
    assert visible(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "line one\nline two\ttab",
        "[/]",
        "[bold]not markup[/bold]",
        "👩‍💻 family 👨‍👩‍👧",
        "面接は難しかった",
        "résumé",
        "",
    ],
)
def test_visible_keeps_ordinary_text(text: str) -> None:
    assert visible(text) == text


@given(st.text())
def test_visible_never_returns_forbidden_characters(text: str) -> None:
    shown = visible(text)
    assert not FORBIDDEN & set(shown)
    assert len(shown) == len(text)


@given(st.text(alphabet=st.characters(blacklist_characters=list(FORBIDDEN))))
def test_visible_is_identity_on_safe_text(text: str) -> None:
    assert visible(text) == text


def test_one_line_joins_lines_and_trims() -> None:
    assert one_line("  first\n\nsecond\tthird  ") == "first second third"
    assert one_line("a \n b") == "a b"
    assert one_line("bell\x07") == "bell␇"


def test_one_line_cuts_to_limit_with_ellipsis() -> None:
    assert one_line("abcdefghij", 5) == "abcd…"
    assert one_line("abcde", 5) == "abcde"
    assert one_line("abc", None) == "abc"
    assert one_line("abc", 0) == ""


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_one_line_has_no_line_breaks_and_respects_limit(text: str, limit: int) -> None:
    line = one_line(text, limit)
    assert "\n" not in line and "\t" not in line
    assert len(line) <= limit
    assert not FORBIDDEN & set(line)


def test_clean_text_strips_outer_whitespace_only() -> None:
    assert clean_text("  keep  inner  \n", "note") == "keep  inner"
    assert clean_text("ctrl\x1bkept", "note") == "ctrl\x1bkept"


def test_clean_text_rejects_empty_when_required() -> None:
    with pytest.raises(DomainError, match="^note must not be empty$"):
        clean_text("   \n", "note")
    assert clean_text("   ", "note", required=False) == ""


def test_clean_text_rejects_lone_surrogates() -> None:
    with pytest.raises(DomainError, match="note contains characters that cannot be stored"):
        clean_text("bad \udc80 text", "note")


def test_clean_text_rejects_too_long() -> None:
    assert clean_text("x" * 10, "title", max_len=10) == "x" * 10
    with pytest.raises(DomainError, match="title"):
        clean_text("x" * 11, "title", max_len=10)


def test_clean_text_rejects_non_text() -> None:
    with pytest.raises(DomainError):
        clean_text(None, "note")  # type: ignore[arg-type]


@given(st.text())
def test_clean_text_result_is_storable_or_rejected(text: str) -> None:
    try:
        cleaned = clean_text(text, "note", required=False)
    except DomainError:
        return
    cleaned.encode("utf-8")
    assert cleaned == text.strip()


def test_clean_tags_normalises() -> None:
    assert clean_tags([" Python ", "python", "", "  ", "SQL", "python", "Sql"]) == (
        "python",
        "sql",
    )
    assert clean_tags([]) == ()


def test_clean_tags_validates_each_tag() -> None:
    with pytest.raises(DomainError, match="tag"):
        clean_tags(["x" * 41])
    assert clean_tags(["x" * 40]) == ("x" * 40,)
    with pytest.raises(DomainError, match="cannot be stored"):
        clean_tags(["ok", "\ud800"])
