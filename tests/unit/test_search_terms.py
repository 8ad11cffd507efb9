"""Typed search text becomes literal terms; matches are found again for highlighting."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.search_terms import fts_match, match_spans, terms


def test_terms_are_words_without_syntax() -> None:
    assert terms('"NEAR" -x * a OR b') == ["near", "x", "a", "or", "b"]
    assert terms('"*-') == []
    assert fts_match('"*-') is None
    assert fts_match("team lead") == '"team" "lead"*'


def test_match_spans_find_prefixes() -> None:
    text = "Research the Team; teams matter"
    spans = match_spans(text, ["team"])
    assert [text[a:b] for a, b in spans] == ["Team", "team"]
    assert match_spans(text, []) == []


@given(st.text())
def test_any_query_is_a_valid_fts5_expression(query: str) -> None:
    expression = fts_match(query)
    if expression is None:
        return
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    conn.execute("INSERT INTO t VALUES ('hello world')")
    conn.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
    conn.close()


@given(st.text(), st.lists(st.text(min_size=1), max_size=3))
def test_spans_are_inside_the_text(text: str, words: list[str]) -> None:
    for start, end in match_spans(text, [w.casefold() for w in words]):
        assert 0 <= start < end <= len(text)
