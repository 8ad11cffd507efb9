"""User text: validated on the way in, made harmless on the way out.

Text is stored verbatim (only leading and trailing whitespace is trimmed);
control and bidi characters are replaced by visible placeholders only when shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bounce_tui.domain.errors import DomainError

__all__ = [
    "visible",
    "one_line",
    "clean_text",
    "clean_tags",
    "TAG_MAX_LEN",
    "MAX_TAGS",
    "NAME_MAX_LEN",
    "TITLE_MAX_LEN",
    "LINE_MAX_LEN",
]

TAG_MAX_LEN = 40
#: The most tags one check-in or lesson may carry.
MAX_TAGS = 50
#: Longest company, role, contact or urge name.
NAME_MAX_LEN = 200
#: Longest checklist item title or decision view.
TITLE_MAX_LEN = 500
#: Longest one-line explanation or close-out note.
LINE_MAX_LEN = 2000

_REPLACEMENT = "\ufffd"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (0x09, 0x0A):  # tab and newline stay
            table[code] = chr(0x2400 + code)  # control pictures: NUL -> ␀, ESC -> ␛
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1 controls
        table[code] = _REPLACEMENT
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):  # bidi embeds/overrides/isolates
        table[code] = _REPLACEMENT
    return table


_DISPLAY_TABLE = _build_table()
_LINE_BREAKS = re.compile(r" *[\n\t][\n\t ]*")


def visible(text: str) -> str:
    """Return ``text`` safe to display: control and bidi-override characters made visible.

    C0 controls other than newline and tab become Unicode control pictures
    (NUL -> "␀", ESC -> "␛"), DEL becomes "␡", and C1 controls and bidi
    embedding/override/isolate characters become U+FFFD. Everything else,
    including emoji sequences, CJK and markup-looking text such as "[/]", is unchanged.
    """
    return text.translate(_DISPLAY_TABLE)


def one_line(text: str, limit: int | None = None) -> str:
    """Return ``visible(text)`` on a single trimmed line, optionally cut to ``limit`` chars.

    Runs of newlines and tabs become a single space. When the result is longer
    than ``limit`` it is cut so that, with a trailing "…", it is exactly ``limit`` long.
    """
    line = _LINE_BREAKS.sub(" ", visible(text)).strip()
    if limit is not None and len(line) > limit:
        if limit <= 0:
            return ""
        line = line[: limit - 1].rstrip() + "…"
    return line


def clean_text(value: str, field: str, *, required: bool = True, max_len: int = 100_000) -> str:
    """Validate user text for storage and return it with outer whitespace stripped.

    Raises DomainError when the stripped text is empty and ``required``, when it
    holds lone surrogates (which cannot be stored as UTF-8), or when it is longer
    than ``max_len`` characters. Control characters are kept as they are.
    """
    if not isinstance(value, str):
        raise DomainError(f"{field} must be text")
    text = value.strip()
    if required and not text:
        raise DomainError(f"{field} must not be empty")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise DomainError(f"{field} contains characters that cannot be stored") from None
    if len(text) > max_len:
        raise DomainError(f"{field} must be at most {max_len:,} characters long")
    return text


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Normalise tags: stripped, lowercased, empty ones dropped, duplicates removed in order.

    Each tag is validated like :func:`clean_text` with a limit of 40 characters,
    and at most MAX_TAGS different tags are kept (more is a DomainError).
    """
    result: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        if not isinstance(raw, str):
            raise DomainError("tag must be text")
        tag = clean_text(raw.lower(), "tag", required=False, max_len=TAG_MAX_LEN)
        if tag and tag not in seen:
            if len(result) >= MAX_TAGS:
                raise DomainError(f"at most {MAX_TAGS} tags fit on one entry")
            seen.add(tag)
            result.append(tag)
    return tuple(result)


#: The fewest leading characters of an id that may stand for it.
MIN_ID_PREFIX = 4


#: The longest id reference worth looking up: a full id (a UUID) with room to spare.
MAX_ID_REF = 64


def clean_id_ref(ref: str) -> str:
    """A typed reference to a row: 'last', or an id or its first characters (at least 4)."""
    value = ref.strip().lower()
    if value != "last" and len(value) < MIN_ID_PREFIX:
        raise DomainError(f"give 'last' or at least the first {MIN_ID_PREFIX} characters of the id")
    if len(value) > MAX_ID_REF or not value.isprintable():
        raise DomainError(f"an id is at most {MAX_ID_REF} letters, digits and dashes")
    return value
