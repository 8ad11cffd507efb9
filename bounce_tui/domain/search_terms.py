"""Turning what a person types into search terms, and finding them again in a text.

Typed text is never handed to the database's query language: it is split into
words, each used as a literal term, so characters such as `"`, `*`, `-` or a word
like NEAR mean only themselves.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def terms(query: str) -> list[str]:
    """The words of a query, casefolded, in order, without repeats (at most 12)."""
    seen: list[str] = []
    for word in _WORD.findall(query.casefold()):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def fts_match(query: str) -> str | None:
    """An FTS5 MATCH expression of literal terms (the last one as a prefix), or None."""
    words = terms(query)
    if not words:
        return None
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words (as prefixes of the text's words) occur, as merged (start, end)."""
    if not words:
        return []
    spans: list[tuple[int, int]] = []
    folded = text.casefold()
    if len(folded) != len(text):  # casefolding changed lengths (e.g. ß): match on the original
        folded = text.lower() if len(text.lower()) == len(text) else text
    for found in _WORD.finditer(folded):
        token = found.group()
        for word in words:
            if token.startswith(word):
                spans.append((found.start(), found.start() + len(word)))
                break
    return spans
