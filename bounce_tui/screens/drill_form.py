"""The form that chooses a drill: which lessons to review now, whatever their schedule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Select

from bounce_tui.domain.lessons import CATEGORIES, DrillFilter
from bounce_tui.domain.mourning import STAGES
from bounce_tui.domain.text import NAME_MAX_LEN, TAG_MAX_LEN, clean_text, one_line, visible
from bounce_tui.screens.form_base import FieldError, FormScreen, row

__all__ = ["DrillRequest", "DrillForm", "EMPTY_DRILL_ERROR", "drill_title"]

EMPTY_DRILL_ERROR = "choose at least one: company, stage, category, tag or words"
_TITLE_PART = 30


def drill_title(drill: DrillFilter) -> str:
    """A short heading for a drill, e.g. "Drill: Acme · final · #stories" (one line, visible)."""
    parts: list[str] = []
    if drill.company and drill.company.strip():
        parts.append(one_line(drill.company, _TITLE_PART))
    for value in (drill.stage, drill.category):
        if value and value.strip():
            parts.append(one_line(value, _TITLE_PART))
    if drill.tag and drill.tag.strip():
        parts.append("#" + one_line(drill.tag, _TITLE_PART))
    if drill.words and drill.words.strip():
        parts.append("“" + one_line(drill.words, _TITLE_PART) + "”")
    return "Drill: " + (" · ".join(parts) if parts else "all lessons")


@dataclass(frozen=True)
class DrillRequest:
    """A drill as chosen in the form: which lessons, and whether grades reschedule them."""

    filter: DrillFilter
    reschedule: bool = False

    @property
    def title(self) -> str:
        """The heading the review screen shows for this drill."""
        return drill_title(self.filter)


class DrillForm(FormScreen[DrillRequest]):
    """Choose the lessons to drill (company, stage, category, tag, words); returns a
    DrillRequest.

    `companies` are offered as completions of the company field; `initial` fills
    the fields. Drill grades are kept apart from the schedule unless the box
    "let these grades change the schedule" is ticked.
    """

    save_label = "Drill"
    keys_hint = "ctrl+s drill · esc cancel"

    def __init__(self, companies: Sequence[str] = (), initial: DrillFilter | None = None) -> None:
        super().__init__()
        seen: dict[str, str] = {}
        for name in companies:
            shown_name = visible(name.strip())
            if shown_name and shown_name.casefold() not in seen:
                seen[shown_name.casefold()] = shown_name
        self.companies = tuple(seen.values())
        self.initial = initial
        self.dialog_title = "Drill lessons"

    def compose_fields(self) -> ComposeResult:
        start = self.initial or DrillFilter()
        suggester = (
            SuggestFromList(self.companies, case_sensitive=False) if self.companies else None
        )
        yield row(
            "Company",
            Input(
                self.prefill("company", start.company) if start.company else "",
                placeholder="e.g. the company you interview with next",
                suggester=suggester,
                id="company",
                compact=True,
            ),
        )
        stage = start.stage.strip().lower() if start.stage else ""
        yield row(
            "Stage",
            Select(
                [(s, s) for s in STAGES],
                prompt="any",
                value=stage if stage in STAGES else Select.NULL,
                id="stage",
                compact=True,
            ),
        )
        category = start.category.strip().lower() if start.category else ""
        yield row(
            "Category",
            Select(
                [(c, c) for c in CATEGORIES],
                prompt="any",
                value=category if category in CATEGORIES else Select.NULL,
                id="category",
                compact=True,
            ),
        )
        yield row(
            "Tag",
            Input(
                self.prefill("tag", start.tag) if start.tag else "",
                placeholder="one tag, e.g. stories",
                id="tag",
                compact=True,
            ),
        )
        yield row(
            "Words",
            Input(
                self.prefill("words", start.words) if start.words else "",
                placeholder="words the lessons must hold, e.g. salary",
                id="words",
                compact=True,
            ),
        )
        yield row(
            "Schedule",
            Checkbox(
                "let these grades change the schedule", value=False, id="reschedule", compact=True
            ),
        )

    def _choice(self, field_id: str) -> str | None:
        value = self.query_one(f"#{field_id}", Select).value
        return value if isinstance(value, str) and value else None

    def build_result(self) -> DrillRequest:
        company = self.check(
            "company",
            clean_text,
            self.text("company"),
            "company",
            required=False,
            max_len=NAME_MAX_LEN,
        )
        tag = self.check(
            "tag", clean_text, self.text("tag"), "tag", required=False, max_len=TAG_MAX_LEN
        )
        words = self.check(
            "words", clean_text, self.text("words"), "words", required=False, max_len=1000
        )
        drill = DrillFilter(
            company=company or None,
            stage=self._choice("stage"),
            category=self._choice("category"),
            tag=tag.lower() or None,
            words=words.strip() or None,
        )
        if drill.is_empty:
            raise FieldError("company", EMPTY_DRILL_ERROR)
        reschedule = self.query_one("#reschedule", Checkbox).value
        return DrillRequest(filter=drill, reschedule=reschedule)
