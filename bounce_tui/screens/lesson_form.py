"""The form that adds (or edits) a lesson."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select

from bounce_tui.domain.cards import MAX_PROMPT
from bounce_tui.domain.lessons import CATEGORIES, validate_category
from bounce_tui.domain.snapshot import LessonView, RejectionView
from bounce_tui.domain.text import clean_tags, clean_text, one_line, visible
from bounce_tui.screens.checkin_form import split_tags
from bounce_tui.screens.form_base import FormScreen, row
from bounce_tui.widgets.text_box import TextBox

__all__ = ["LessonInput", "LessonForm", "rejection_label"]

_LABEL_LIMIT = 56


@dataclass(frozen=True)
class LessonInput:
    """A valid lesson as typed in the form; `rejection_id` None means not linked.

    `prompt` is the card's front (may be empty), `text` its back.
    """

    text: str
    category: str
    tags: tuple[str, ...]
    rejection_id: str | None
    prompt: str = ""


def clean_prompt(value: str) -> str:
    """The situation line checked as the store checks it (optional, at most MAX_PROMPT)."""
    return clean_text(value, "situation", required=False, max_len=MAX_PROMPT)


def rejection_label(company: str, role: str = "") -> Text:
    """ "Company — role" on one line, as literal text (never markup)."""
    label = f"{company} — {role}" if role.strip() else company
    return Text(one_line(label, _LABEL_LIMIT) or "(no name)")


class LessonForm(FormScreen[LessonInput]):
    """Write down a lesson, or edit one (`initial`); returns a LessonInput or None.

    `rejections` fill the "From" choice ("(none)" plus "Company — role");
    `default_rejection_id` preselects one for a new lesson.
    """

    DEFAULT_CSS = """
    LessonForm #text {
        height: 4;
        background: $surface;
    }
    """

    def __init__(
        self,
        rejections: Sequence[RejectionView] = (),
        initial: LessonView | None = None,
        default_rejection_id: str | None = None,
        draft: tuple[str, str] = ("", ""),
    ) -> None:
        """`draft` (situation, lesson) pre-fills a new lesson, e.g. from a closing line."""
        super().__init__()
        self.rejections = tuple(rejections)
        self.initial = initial
        self.default_rejection_id = default_rejection_id
        self.draft = draft
        self.dialog_title = "Edit lesson" if initial else "New lesson"

    def _rejection_options(self) -> list[tuple[Text, str]]:
        options = [(rejection_label(r.company, r.role), r.rejection_id) for r in self.rejections]
        start = self.initial
        known = {r.rejection_id for r in self.rejections}
        if start is not None and start.rejection_id and start.rejection_id not in known:
            # Keep the existing link even when the caller did not pass that rejection.
            options.append(
                (rejection_label(start.company or "(linked rejection)"), start.rejection_id)
            )
        return options

    def compose_fields(self) -> ComposeResult:
        start = self.initial
        text = self.prefill("text", start.text) if start else visible(self.draft[1])
        category = start.category if start and start.category in CATEGORIES else "interview"
        options = self._rejection_options()
        wanted = start.rejection_id if start else self.default_rejection_id
        linked = wanted if wanted in {value for _, value in options} else Select.NULL
        tags = self.prefill("tags", ", ".join(start.tags)) if start else ""
        prompt = self.prefill("prompt", start.prompt) if start else visible(self.draft[0])
        yield row(
            "Situation",
            Input(
                prompt,
                placeholder="the moment or question it answers (optional)",
                id="prompt",
                compact=True,
            ),
        )
        area = TextBox(
            text,
            id="text",
            soft_wrap=True,
            compact=True,
            tab_behavior="focus",
            highlight_cursor_line=False,
            placeholder="what to do next time, in your own words (required; ctrl+a selects all)",
        )
        yield row("Next time", area)
        yield row(
            "Category",
            Select(
                [(c, c) for c in CATEGORIES],
                value=category,
                allow_blank=False,
                id="category",
                compact=True,
            ),
        )
        yield row(
            "Tags", Input(tags, placeholder="comma or space separated", id="tags", compact=True)
        )
        yield row(
            "From",
            Select(options, prompt="(none)", value=linked, id="rejection", compact=True),
        )

    def build_result(self) -> LessonInput:
        prompt = self.check("prompt", clean_prompt, self.text("prompt"))
        text = self.check("text", clean_text, self.text("text"), "lesson")
        category = self.check(
            "category", validate_category, str(self.query_one("#category", Select).value)
        )
        start = self.initial
        typed = (
            list(start.tags) if start and self.unchanged("tags") else split_tags(self.text("tags"))
        )
        tags = self.check("tags", clean_tags, typed)
        chosen = self.query_one("#rejection", Select).value
        rejection_id = chosen if isinstance(chosen, str) else None
        return LessonInput(
            text=text, category=category, tags=tags, rejection_id=rejection_id, prompt=prompt
        )
