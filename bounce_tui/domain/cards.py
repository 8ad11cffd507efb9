"""A lesson as a review card: its front (the question) and its back (what to do).

A lesson written with a front shows that front. One written without (older
lessons, quick entries from the shell) gets a front made from its context — the
company, stage and day of its rejection and a question for its category — so the
review always asks something and never shows the answer first.
"""

from __future__ import annotations

from datetime import date

__all__ = ["QUESTIONS", "card_front", "generated_front", "lesson_draft", "MAX_PROMPT"]

#: The longest front a lesson may have (the back has the usual text limit).
MAX_PROMPT = 500

#: What a generated front asks, by lesson category.
QUESTIONS: dict[str, str] = {
    "resume": "what would you change on your résumé?",
    "preparation": "what would you prepare differently?",
    "task": "what would you do differently on the task?",
    "interview": "what would you answer differently?",
    "research": "what should you have found out first?",
    "fit": "what did you learn about the fit?",
    "logistics": "what would you arrange differently?",
    "mindset": "what would you tell yourself next time?",
}


def generated_front(
    category: str, *, company: str = "", stage: str = "", day: date | None = None
) -> str:
    """A question from a lesson's context, e.g. "Northwind · final · 12 Nov — what…?"."""
    parts = [p.strip() for p in (company, stage) if p and p.strip()]
    if day is not None:
        parts.append(f"{day.day} {day.strftime('%b')}")
    question = QUESTIONS.get(category, f"what did you learn about {category or 'this'}?")
    if not parts:
        return question[:1].upper() + question[1:]
    return f"{' · '.join(parts)} — {question}"


def card_front(
    prompt: str, category: str, *, company: str = "", stage: str = "", day: date | None = None
) -> str:
    """The front a review shows: the lesson's own prompt, else a generated question."""
    if prompt.strip():
        return prompt.strip()
    return generated_front(category, company=company, stage=stage, day=day)


def lesson_draft(
    company: str, stage: str, *, closing_line: str = "", feedback: str = ""
) -> tuple[str, str] | None:
    """A (situation, lesson) draft from a rejection's closing line and noted feedback.

    None when there is neither: nothing to start a lesson from.
    """
    closing, said = closing_line.strip(), feedback.strip()
    if not (closing or said):
        return None
    where = f"{company.strip() or 'this rejection'} ({stage})" if stage else company.strip()
    if closing and said:
        return f"Looking back on {where}", f"{closing}\n\nWhat they said: {said}"
    if closing:
        return f"Looking back on {where}", closing
    return f"What {where} said", said
