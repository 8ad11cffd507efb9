"""Regroup template and reframe parsing, due dates, kinds and choices."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.checklist import (
    KINDS,
    Reframe,
    TemplateItem,
    due_on,
    parse_reframes,
    parse_template,
    pick_reframe,
    validate_choice,
    validate_kind,
)
from bounce_tui.domain.errors import DomainError

GOOD = """
[[item]]
key = "thank_you"
title = "Say thanks"
why = "Keeps the door open."
due_after_days = 0

[[item]]
key = "feedback"
title = "Ask for feedback?"
why = "People disagree."
kind = "Decision"
views = ["for", "against"]
choices = ["ask", "don't ask"]

[[item]]
key = "no_date"
title = "Someday"
"""


def test_parse_template() -> None:
    items = parse_template(GOOD)
    assert [i.key for i in items] == ["thank_you", "feedback", "no_date"]
    assert items[0] == TemplateItem("thank_you", "Say thanks", "Keeps the door open.", "task", 0)
    assert items[1].kind == "decision"
    assert items[1].views == ("for", "against")
    assert items[1].choices == ("ask", "don't ask")
    assert items[2].why == "" and items[2].due_after_days is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[item]\nkey = 'x'", "not valid TOML"),
        ("title = 'no items'", r"no \[\[item\]\] entries"),
        ("item = 3", r"no \[\[item\]\] entries"),
        ("item = [1, 2]", "must be a"),
        ("[[item]]\ntitle = 'x'", "item 1 has no key"),
        ("[[item]]\nkey = 'a'", r"item 1 \(a\) has no title"),
        ("[[item]]\nkey = 'a'\ntitle = '   '", "has no title"),
        ("[[item]]\nkey = 'a'\ntitle = 3", "title must be a string"),
        ("[[item]]\nkey = 'Bad Key'\ntitle = 't'", "snake_case"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\nkind = 'chore'", "kind must be one of: task, decision"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\n[[item]]\nkey = 'a'\ntitle = 'u'", "more than once"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\nkind = 'decision'", "two different choices"),
        (
            "[[item]]\nkey = 'a'\ntitle = 't'\nkind = 'decision'\nchoices = ['yes']",
            "two different choices",
        ),
        (
            "[[item]]\nkey = 'a'\ntitle = 't'\nkind = 'decision'\nchoices = ['yes', 'YES']",
            "two different choices",
        ),
        ("[[item]]\nkey = 'a'\ntitle = 't'\nchoices = ['x', 'y']", "only a decision"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\ndue_after_days = -1", "due_after_days"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\ndue_after_days = 'soon'", "due_after_days"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\ndue_after_days = true", "due_after_days"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\nviews = 'one'", "views must be a list of strings"),
        ("[[item]]\nkey = 'a'\ntitle = 't'\ntitel = 'typo'", "unknown field: titel"),
    ],
)
def test_parse_template_rejects(text: str, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        parse_template(text)


def test_due_on() -> None:
    end = date(2026, 4, 30)
    assert due_on(TemplateItem("a", "t", "w", due_after_days=0), end) == end
    assert due_on(TemplateItem("a", "t", "w", due_after_days=30), end) == date(2026, 5, 30)
    assert due_on(TemplateItem("a", "t", "w"), end) is None


def test_validate_kind() -> None:
    assert KINDS == ("task", "decision")
    assert validate_kind(" Decision ") == "decision"
    with pytest.raises(DomainError, match="kind must be one of: task, decision"):
        validate_kind("idea")


def test_validate_choice() -> None:
    choices = ("ask", "don't ask")
    assert validate_choice(choices, "ASK") == "ask"
    assert validate_choice(choices, " don't ask ") == "don't ask"
    with pytest.raises(DomainError, match="choice must be one of: ask, don't ask"):
        validate_choice(choices, "maybe")
    with pytest.raises(DomainError):
        validate_choice((), "ask")


REFRAMES = """
[[reframe]]
trap = "labelling"
question = "Is one outcome the same as who you are?"

[[reframe]]
trap = "mind reading"
question = "What do you actually know?"
"""


def test_parse_reframes() -> None:
    assert parse_reframes(REFRAMES) == [
        Reframe("labelling", "Is one outcome the same as who you are?"),
        Reframe("mind reading", "What do you actually know?"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[reframe]\n", "not valid TOML"),
        ("", r"no \[\[reframe\]\] entries"),
        ("[[reframe]]\ntrap = 'x'", "has no question"),
        ("[[reframe]]\nquestion = 'x?'", "has no trap"),
        ("[[reframe]]\ntrap = 'x'\nquestion = 'y'\nanswer = 'z'", "unknown field"),
    ],
)
def test_parse_reframes_rejects(text: str, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        parse_reframes(text)


def test_pick_reframe_cycles() -> None:
    items = parse_reframes(REFRAMES)
    assert pick_reframe(items, 0) == items[0]
    assert pick_reframe(items, 1) == items[1]
    assert pick_reframe(items, 2) == items[0]
    assert pick_reframe(items, -1) == items[1]
    with pytest.raises(DomainError):
        pick_reframe([], 0)


@given(st.integers())
def test_pick_reframe_always_returns_one_of_them(index: int) -> None:
    items = parse_reframes(REFRAMES)
    assert pick_reframe(items, index) in items


@given(st.text(max_size=200))
def test_parse_template_either_parses_or_raises_domain_error(text: str) -> None:
    try:
        parse_template(text)
    except DomainError as error:
        assert str(error)
