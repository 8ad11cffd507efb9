"""The regroup checklist template and the reframing questions, parsed from TOML.

The text itself lives in ``assets/regroup.toml`` and ``assets/reframes.toml``
(a user's config dir may hold its own ``regroup.toml``); this module only reads
a string, checks it and returns plain values.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.mourning import CHANNELS, STAGES
from bounce_tui.domain.text import clean_text, one_line

__all__ = [
    "KINDS",
    "TemplateItem",
    "parse_template",
    "due_on",
    "validate_kind",
    "validate_choice",
    "Reframe",
    "parse_reframes",
    "pick_reframe",
    "PLACEHOLDERS",
    "fill_in",
    "reframe_note",
    "REFRAME_ANSWER_MAX",
]

KINDS = ("task", "decision")
#: "rejection": one per rejection; "hunt": about the person, one open at a time for the hunt.
SCOPES = ("rejection", "hunt")
MAX_DUE_AFTER_DAYS = 3_650
#: The most items a template may have (a checklist, not a backlog).
MAX_TEMPLATE_ITEMS = 60

_KEY_RE = re.compile(r"[a-z][a-z0-9_]*")
_ITEM_FIELDS = frozenset(
    {
        "key",
        "title",
        "why",
        "kind",
        "due_after_days",
        "views",
        "choices",
        "stages",
        "channels",
        "scope",
        "reply",
    }  # fmt: skip
)
#: A reply to copy is a short message, not a letter.
MAX_REPLY = 1_500
#: The names a template's title, why and reply may use, filled in when the item is shown.
PLACEHOLDERS = ("contact", "company", "greeting")
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_]*)\}")
_REFRAME_FIELDS = frozenset({"trap", "question"})


class TemplateItem(NamedTuple):
    """One item of the regroup template.

    ``due_after_days`` counts from the day the mourning period ends (None: no due
    date). A decision carries ``views`` (short one-line arguments) and
    ``choices`` (e.g. "ask" / "don't ask"). ``stages`` and ``channels`` limit the
    rejections it is laid out for (empty: all). ``scope`` "hunt" marks an item about
    the person rather than the rejection: it exists once while open, for the hunt.
    """

    key: str
    title: str
    why: str
    kind: str = "task"
    due_after_days: int | None = None
    views: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    scope: str = "rejection"
    reply: str = ""

    def applies_to(self, stage: str, channel: str) -> bool:
        """Whether a rejection at `stage`, heard of by `channel`, gets this item."""
        return (not self.stages or stage in self.stages) and (
            not self.channels or channel in self.channels
        )

    @property
    def hunt_wide(self) -> bool:
        """True for an item about the person (one open at a time), not the rejection."""
        return self.scope == "hunt"


class Reframe(NamedTuple):
    """A thinking trap and one gentle question that loosens it."""

    trap: str
    question: str


def validate_kind(kind: str) -> str:
    """Return the item kind, lowercased; DomainError unless it is one of KINDS."""
    if isinstance(kind, str) and kind.strip().lower() in KINDS:
        return kind.strip().lower()
    raise DomainError(f"kind must be one of: {', '.join(KINDS)}")


def validate_choice(item_choices: Sequence[str], choice: str) -> str:
    """Return the choice from ``item_choices`` matching ``choice`` (case-insensitive)."""
    if not item_choices:
        raise DomainError("this item has no choices to pick from")
    if isinstance(choice, str):
        wanted = choice.strip().casefold()
        for option in item_choices:
            if option.casefold() == wanted:
                return option
    raise DomainError(f"choice must be one of: {', '.join(item_choices)}")


def due_on(item: TemplateItem, mourning_end_day: date) -> date | None:
    """Return the item's due day, counted from the day the mourning period ends."""
    if item.due_after_days is None:
        return None
    return mourning_end_day + timedelta(days=item.due_after_days)


def _load(text: str, what: str) -> dict[str, Any]:
    if not isinstance(text, str):
        raise DomainError(f"the {what} must be text")
    if sys.version_info >= (3, 11):  # imported here: most commands never read a template
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DomainError(f"the {what} is not valid TOML ({error})") from None
    except RecursionError:
        raise DomainError(f"the {what} nests tables or lists too deeply to read") from None


def _tables(data: dict[str, Any], name: str, what: str) -> list[dict[str, Any]]:
    tables = data.get(name)
    if not isinstance(tables, list) or not tables:
        raise DomainError(f"the {what} has no [[{name}]] entries")
    if not all(isinstance(table, dict) for table in tables):
        raise DomainError(f"in the {what}, every {name} must be a [[{name}]] table")
    return tables


def _text(table: dict[str, Any], field: str, where: str, *, required: bool) -> str:
    value = table.get(field, "")
    if not isinstance(value, str):
        raise DomainError(f"{where}: {field} must be a string")
    if required and not value.strip():
        raise DomainError(f"{where} has no {field}")
    return clean_text(value, f"{where}: {field}", required=required, max_len=500)


def _text_list(table: dict[str, Any], field: str, where: str) -> tuple[str, ...]:
    value = table.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DomainError(f"{where}: {field} must be a list of strings")
    return tuple(clean_text(v, f"{where}: {field}", max_len=500) for v in value)


def _item(table: dict[str, Any], number: int) -> TemplateItem:
    where = f"item {number}"
    unknown = sorted(set(table) - _ITEM_FIELDS)
    if unknown:
        raise DomainError(f"{where} has an unknown field: {', '.join(unknown)}")
    key = _text(table, "key", where, required=True)
    if not _KEY_RE.fullmatch(key):
        raise DomainError(f"{where}: key must be snake_case (a-z, 0-9 and _), not {key!r}")
    where = f"item {number} ({key})"
    title = _text(table, "title", where, required=True)
    why = _text(table, "why", where, required=False)
    kind_value = table.get("kind", "task")
    try:
        kind = validate_kind(kind_value)
    except DomainError as error:
        raise DomainError(f"{where}: {error}") from None
    due = table.get("due_after_days")
    if due is not None and (
        isinstance(due, bool) or not isinstance(due, int) or not 0 <= due <= MAX_DUE_AFTER_DAYS
    ):
        raise DomainError(
            f"{where}: due_after_days must be a whole number from 0 to {MAX_DUE_AFTER_DAYS}"
        )
    views = _text_list(table, "views", where)
    choices = _text_list(table, "choices", where)
    if kind == "decision":
        if len(choices) < 2 or len({c.casefold() for c in choices}) != len(choices):
            raise DomainError(f"{where}: a decision needs at least two different choices")
    elif choices:
        raise DomainError(f"{where}: only a decision can have choices")
    stages = _names(table, "stages", STAGES, where)
    channels = _names(table, "channels", CHANNELS, where)
    scope = table.get("scope", "rejection")
    if scope not in SCOPES:
        raise DomainError(f"{where}: scope must be one of: {', '.join(SCOPES)}")
    reply = table.get("reply", "")
    if not isinstance(reply, str):
        raise DomainError(f"{where}: reply must be a string")
    reply = clean_text(reply, f"{where}: reply", required=False, max_len=MAX_REPLY)
    for field, text in (("title", title), ("why", why), ("reply", reply)):
        _check_placeholders(text, f"{where}: {field}")
    return TemplateItem(key, title, why, kind, due, views, choices, stages, channels, scope, reply)


def _check_placeholders(text: str, where: str) -> None:
    for match in _PLACEHOLDER_RE.finditer(text):
        if match.group(1) not in PLACEHOLDERS:
            names = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
            raise DomainError(f"{where}: unknown placeholder {match.group(0)[:40]!r}; use {names}")


def fill_in(text: str, *, contact: str = "", company: str = "") -> str:
    """Fill a template text's placeholders from the rejection it belongs to.

    ``{contact}`` is the person's name, or "your contact" when none was noted;
    ``{company}`` the company, or "the company" for an item about the whole hunt;
    ``{greeting}`` opens a message: "Hi Dana," or "Hello," without a name. Braces
    that name nothing else are left as they are, so text a person typed stays theirs.
    """
    name = " ".join(contact.split())
    values = {
        "contact": name or "your contact",
        "company": " ".join(company.split()) or "the company",
        "greeting": f"Hi {name}," if name else "Hello,",
    }
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _names(
    table: dict[str, Any], field: str, allowed: tuple[str, ...], where: str
) -> tuple[str, ...]:
    value = table.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DomainError(f"{where}: {field} must be a list of strings")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise DomainError(
            f"{where}: unknown {field[:-1]} {unknown[0][:40]!r}; use {', '.join(allowed)}"
        )
    return tuple(dict.fromkeys(value))


def parse_template(text: str) -> list[TemplateItem]:
    """Parse a regroup template: TOML made of ``[[item]]`` tables.

    Each item has ``key`` (snake_case, unique) and ``title``, and may have
    ``why``, ``kind`` ("task" or "decision"), ``due_after_days`` (>= 0),
    ``views`` and ``choices`` (a decision needs two or more), ``stages`` and
    ``channels`` (which rejections get it), ``scope`` ("rejection" or "hunt") and
    ``reply``, a short message the person can copy. Title, why and reply may use the
    placeholders {contact}, {company} and {greeting} (see `fill_in`).
    Raises DomainError naming the item for anything malformed.
    """
    tables = _tables(_load(text, "regroup template"), "item", "regroup template")
    if len(tables) > MAX_TEMPLATE_ITEMS:
        raise DomainError(
            f"the regroup template has {len(tables):,} items; at most {MAX_TEMPLATE_ITEMS} fit"
        )
    items: list[TemplateItem] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        item = _item(table, number)
        if item.key in seen:
            raise DomainError(f"item {number}: the key {item.key!r} is used more than once")
        seen.add(item.key)
        items.append(item)
    return items


def parse_reframes(text: str) -> list[Reframe]:
    """Parse reframing questions: TOML made of ``[[reframe]]`` tables with trap and question."""
    tables = _tables(_load(text, "reframes file"), "reframe", "reframes file")
    result: list[Reframe] = []
    for number, table in enumerate(tables, start=1):
        where = f"reframe {number}"
        unknown = sorted(set(table) - _REFRAME_FIELDS)
        if unknown:
            raise DomainError(f"{where} has an unknown field: {', '.join(unknown)}")
        trap = _text(table, "trap", where, required=True)
        question = _text(table, "question", where, required=True)
        result.append(Reframe(trap, question))
    return result


def pick_reframe(reframes: Sequence[Reframe], index: int) -> Reframe:
    """Return the reframe at ``index``, cycling (index modulo the count)."""
    if not reframes:
        raise DomainError("there are no reframing questions to show")
    return reframes[index % len(reframes)]


#: The longest answer to a reframing question (one line, as the close-out note).
REFRAME_ANSWER_MAX = 2000


def reframe_note(question: str, answer: str, day: date) -> str:
    """The line an answered reframing question adds to a rejection's notes.

    ``Reframe, Tue 10 Mar 2026 · <question> — <answer>``: the answer is checked
    (not empty, at most REFRAME_ANSWER_MAX characters) and both are put on one line;
    control characters are made visible. DomainError for an empty or too long answer.
    """
    text = clean_text(answer, "answer", max_len=REFRAME_ANSWER_MAX)
    asked = one_line(question, 400)
    return f"Reframe, {day:%a} {day.day} {day:%b %Y} · {asked} — {one_line(text)}"
