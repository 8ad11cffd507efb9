"""One line of the lessons list: how a lesson reads in the pane, its search matches marked."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from bounce_tui.domain.search_terms import match_spans
from bounce_tui.domain.snapshot import LessonView
from bounce_tui.domain.text import one_line

#: The longest text, category and company shown on a lesson's line (cut with "…").
TEXT_LIMIT = 70
CATEGORY_LIMIT = 20
COMPANY_LIMIT = 30
#: How the words of a search are marked in a lesson's text.
MATCH_STYLE = "bold underline $text-accent"


def lesson_prompt(lesson: LessonView, words: Sequence[str] = ()) -> Content:
    """One line for a lesson: theme mark (↻ and its size), category, text (matches marked),
    company."""
    parts: list[str | tuple[str, str] | Content] = []
    if lesson.recurring or lesson.theme_size > 1:
        mark = f"↻{lesson.theme_size} " if lesson.theme_size > 1 else "↻ "
        parts.append((mark, "$text-warning bold"))
    category = one_line(lesson.category, CATEGORY_LIMIT)
    if category:
        parts.append((f"[{category}] ", "dim"))
    text = one_line(lesson.text, TEXT_LIMIT)
    shown = Content(text)
    for start, end in match_spans(text, list(words)):
        shown = shown.stylize(MATCH_STYLE, start, end)
    parts.append(shown)
    company = one_line(lesson.company, COMPANY_LIMIT)
    if company:
        parts.append((f" · {company}", "dim"))
    return Content.assemble(*parts)
