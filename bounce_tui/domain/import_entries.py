"""Entries brought in from other tools, as plain values, before they become bounce records.

A Daylio row or a jrnl entry is read (`daylio.py`, `jrnl_import.py`) into an
`ImportedCheckin` or an `ImportedLesson`: a local wall-clock time, the texts and
tags cleaned by the entry rules, and an id derived from the entry's own content
(`stable_id`), so importing the same file again finds the same ids and adds nothing.
"""

from __future__ import annotations

import html
import re
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import clean_tags, clean_text

__all__ = [
    "ImportedCheckin",
    "ImportedLesson",
    "StableIds",
    "html_to_text",
    "joined_note",
    "tags_at",
    "text_at",
]

#: The namespace of every id an import from another tool makes (uuid5 over it).
IMPORT_NAMESPACE = uuid.UUID("6f1c2a8e-3d4b-5e7f-9a0b-1c2d3e4f5a6b")

_BREAK = re.compile(r"<\s*br\s*/?\s*>|<\s*/\s*(?:p|div|li)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class ImportedCheckin:
    """One check-in from another tool: where it was in the file, and its values."""

    where: str  # "line 4" or "entry 2", for refusals
    wall: datetime  # naive local wall-clock time, read in the person's zone
    mood: int
    tags: tuple[str, ...]
    note: str
    record_id: str


@dataclass(frozen=True)
class ImportedLesson:
    """One lesson from another tool: front (may be empty), back, tags and when it was kept."""

    where: str
    wall: datetime
    prompt: str
    text: str
    tags: tuple[str, ...]
    record_id: str


class StableIds:
    """uuid5 ids over an entry's normalised content; a repeated identical entry gets its own.

    The n-th identical entry of a file (n > 1) adds its number to the content, so
    two identical rows stay two check-ins and a re-import finds both again.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._seen: Counter[str] = Counter()

    def next_id(self, parts: Iterable[str]) -> str:
        """The id for the next entry made of `parts` (texts joined with a separator)."""
        content = "\x1f".join([self.source, *parts])
        self._seen[content] += 1
        count = self._seen[content]
        if count > 1:
            content += f"\x1e{count}"
        return str(uuid.uuid5(IMPORT_NAMESPACE, content))


def html_to_text(text: str) -> str:
    """Plain text of a note that may hold simple HTML: <br> and paragraph ends become
    newlines, other tags are dropped, entities (&amp;) are decoded."""
    if "<" in text:
        text = _TAG.sub("", _BREAK.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def joined_note(title: str, body: str) -> str:
    """A title and a body as one note: the title, a blank line, then the body."""
    title, body = title.strip(), body.strip()
    if title and body:
        return f"{title}\n\n{body}"
    return title or body


def text_at(value: str, field: str, where: str, *, required: bool = False) -> str:
    """`clean_text` (the entry rules' limit), with the place in the file in its refusal."""
    try:
        return clean_text(value, field, required=required)
    except DomainError as exc:
        raise DomainError(f"{where}: {exc}") from None


def tags_at(tags: Iterable[str], where: str) -> tuple[str, ...]:
    """`clean_tags`, with the place in the file in its refusal."""
    try:
        return clean_tags(tags)
    except DomainError as exc:
        raise DomainError(f"{where}: {exc}") from None
