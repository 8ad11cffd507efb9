"""What the review screen shows: a card's face, times in words, the end summary.

The functions take plain values (cards, counts, moments, a zone) and read no
clock; `CardFace` draws one card. User text is always a `rich.text.Text` built
from `visible()` text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from bounce_tui.domain.dates import local_time
from bounce_tui.domain.lessons import Grade
from bounce_tui.domain.snapshot import ReviewCard
from bounce_tui.domain.text import one_line, visible

__all__ = [
    "GRADE_LABELS",
    "Tally",
    "plural",
    "ago",
    "until",
    "when",
    "card_parts",
    "from_line",
    "meta_lines",
    "graded_line",
    "interval",
    "grade_button",
    "summary_text",
    "nothing_due_text",
    "CardFace",
]

GRADE_LABELS = {Grade.AGAIN: "again", Grade.HARD: "hard", Grade.GOOD: "good", Grade.EASY: "easy"}
_NAME = 60
_FRONT_LIMIT = 500  # a front is at most 500 characters (domain.cards.MAX_PROMPT)
MADE_FRONT = "(made from where the lesson came from; its edit form takes your own question)"


def plural(count: int, word: str) -> str:
    """ "1 lesson", "2 lessons"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _day_label(moment: datetime, now: datetime, tz: tzinfo | None) -> str:
    local = local_time(moment, tz)
    label = f"{local:%a} {local.day} {local:%b}"
    if local.year != local_time(now, tz).year:
        label += f" {local.year}"
    return label


def _days_between(earlier: datetime, later: datetime, tz: tzinfo | None) -> int:
    return (local_time(later, tz).date() - local_time(earlier, tz).date()).days


def ago(moment: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """How long ago `moment` was: "just now", "5 minutes ago", "yesterday", "3 days ago"."""
    delta = now - moment
    if delta < timedelta(minutes=1):
        return "just now"
    if delta < timedelta(hours=1):
        return plural(delta // timedelta(minutes=1), "minute") + " ago"
    days = _days_between(moment, now, tz)
    if days <= 0:
        return plural(delta // timedelta(hours=1), "hour") + " ago"
    if days == 1:
        return "yesterday"
    if days < 60:
        return f"{days} days ago"
    return "on " + _day_label(moment, now, tz)


def until(moment: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """How far away `moment` is: "now", "in 20 minutes", "in 5 hours", "tomorrow", "in 3 days"."""
    delta = moment - now
    if delta <= timedelta(0):
        return "now"
    if delta < timedelta(hours=1):
        return "in " + plural(max(delta // timedelta(minutes=1), 1), "minute")
    days = _days_between(now, moment, tz)
    if days <= 0:
        return "in " + plural(delta // timedelta(hours=1), "hour")
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def interval(due: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """How far away the next review would be, short: "today", "1 day", "6 days", "3 weeks"."""
    if due <= now:
        return "now"
    days = _days_between(now, due, tz)
    if days <= 0:
        return "today"
    if days == 1:
        return "1 day"
    if days < 21:
        return f"{days} days"
    if days < 61:
        return f"{round(days / 7)} weeks"
    if days < 730:
        return f"{round(days / 30.4)} months"
    return f"{round(days / 365.25)} years"


def grade_button(grade: Grade, due: datetime | None, now: datetime, tz: tzinfo | None) -> str:
    """A grade key's label, with when the card comes back: "3 good · 6 days"."""
    label = f"{grade.value} {GRADE_LABELS[grade]}"
    return label if due is None else f"{label} · {interval(due, now, tz)}"


def when(moment: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """A due moment in local time with how far away it is: "Thu 12 Mar, 10:30 (in 2 days)"."""
    if moment <= now:
        return "now"
    local = local_time(moment, tz)
    return f"{_day_label(moment, now, tz)}, {local:%H:%M} ({until(moment, now, tz)})"


def card_parts(card: ReviewCard) -> tuple[str, str]:
    """The front (the person's own, or one made from the context) and the back, made visible."""
    back = card.text.strip()
    return visible(card.front), visible(back) if back else "(empty lesson)"


def from_line(card: ReviewCard, now: datetime, tz: tzinfo | None = None) -> str:
    """Where a lesson came from: "from Acme — Data analyst, final, 10 Mar" ("" if nowhere)."""
    if not (card.rejection_id or card.company):
        return ""
    line = "from " + (one_line(card.company, _NAME) or "(no name)")
    if card.role.strip():
        line += " — " + one_line(card.role, _NAME)
    if card.stage:
        line += ", " + one_line(card.stage, 20)
    if card.rejection_received_at is not None:
        local = local_time(card.rejection_received_at, tz)
        line += f", {local.day} {local:%b}"
        if local.year != local_time(now, tz).year:
            line += f" {local.year}"
    return line


def meta_lines(card: ReviewCard, now: datetime, tz: tzinfo | None = None) -> Text:
    """The back's small print: category and tags, origin, review history."""
    out = Text()
    first = card.category
    if card.tags:
        first += " · " + " ".join("#" + one_line(tag, 40) for tag in card.tags)
    if card.recurring:
        first += " · ↻ a recurring theme: it came up more than once"
    out.append(first)
    origin = from_line(card, now, tz)
    if origin:
        out.append("\n" + origin)
    if card.last_review is None:
        history = "never reviewed"
    else:
        history = "last reviewed " + ago(card.last_review, now, tz)
        history += " · " + plural(card.reviews, "review")
    out.append("\n" + history)
    return out


def graded_line(grade: Grade, due: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """What a grade did: "good — back in 3 days (Fri 13 Mar)", or a drill's note (due None)."""
    label = GRADE_LABELS[grade].capitalize()
    if due is None:
        return f"{label} — a drill grade; the schedule is unchanged."
    if due <= now:
        return f"{label} — it stays due."
    return f"{label} — back {until(due, now, tz)} ({_day_label(due, now, tz)})."


@dataclass
class Tally:
    """How many cards got each grade in this round."""

    counts: dict[Grade, int] = field(default_factory=lambda: dict.fromkeys(Grade, 0))
    skipped: int = 0

    def add(self, grade: Grade) -> None:
        """Count one grade."""
        self.counts[grade] += 1

    def remove(self, grade: Grade) -> None:
        """Take one grade back (undo)."""
        self.counts[grade] = max(self.counts[grade] - 1, 0)

    @property
    def total(self) -> int:
        """How many cards were graded."""
        return sum(self.counts.values())


def _next_due_line(next_due: datetime | None, now: datetime, tz: tzinfo | None) -> str:
    if next_due is None:
        return "No lessons yet — keep one with n on the main screen."
    if next_due <= now:
        return "A lesson is due now."
    return f"The next lesson is due {when(next_due, now, tz)}."


def summary_text(
    tally: Tally,
    next_due: datetime | None,
    due_now: int | None,
    now: datetime,
    tz: tzinfo | None = None,
    *,
    drill: bool = False,
) -> Text:
    """The end of a round: counts by grade, what comes next, and the keys."""
    out = Text()
    done = f"Done — {plural(tally.total, 'lesson')} reviewed"
    if tally.skipped:
        done += f", {tally.skipped} left for later (still due)"
    out.append(done + ".\n\n", style="bold")
    for grade, label in GRADE_LABELS.items():
        out.append(f"{label} {tally.counts[grade]}", style="bold" if tally.counts[grade] else "")
        if grade is not Grade.EASY:
            out.append("  ·  ")
    if drill:
        out.append("\n\nDrill grades are kept in the history; the schedule is unchanged.")
    out.append("\n\n")
    if due_now is None:
        out.append("Checking what comes next…")
    elif due_now:
        them = "them" if due_now > 1 else "it"
        out.append(f"{plural(due_now, 'lesson')} due now — press r to review {them}.")
    elif next_due is not None and next_due <= now:
        out.append("A lesson is due now — press r to review it.")
    else:
        out.append(_next_due_line(next_due, now, tz))
    out.append("\n\nd drill · u undo the last grade · esc back")
    return out


def nothing_due_text(
    next_due: datetime | None, now: datetime, tz: tzinfo | None = None, *, drill: bool = False
) -> Text:
    """The start when nothing is due: when the next lesson is, and the offer of a drill."""
    out = Text()
    if drill:
        out.append("No lessons match this drill.\n\n", style="bold")
    elif next_due is not None and next_due <= now:
        out.append("Lessons are due again.\n\n", style="bold")
    else:
        out.append("Nothing is due right now.\n\n", style="bold")
    if next_due is not None and next_due <= now:
        out.append("A lesson is due now — press r to review it.")
    else:
        out.append(_next_due_line(next_due, now, tz))
    if next_due is not None:
        out.append(
            "\n\nBefore an interview? Press d to drill the lessons for a company, "
            "stage, category or tag — whatever their schedule."
        )
    out.append("\n\nesc back to the main screen")
    return out


class CardFace(Vertical):
    """One lesson as a flash card: the front (bold, centred), then, once revealed, the back."""

    DEFAULT_CSS = """
    CardFace { height: auto; }
    CardFace #face-front {
        width: 1fr; height: auto; padding: 1 0; text-style: bold; color: $text; text-align: center;
    }
    CardFace #face-front.made { text-style: bold italic; }
    CardFace #face-made { width: 1fr; height: auto; color: $text-muted; text-align: center; }
    CardFace #face-back { height: auto; border-top: hkey $primary-darken-1; padding-top: 1; }
    CardFace #face-rest { height: auto; margin-bottom: 1; }
    CardFace #face-meta { height: auto; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="face-front")
        yield Static(Text(MADE_FRONT), id="face-made")
        with Vertical(id="face-back"):
            yield Static(id="face-rest")
            yield Static(id="face-meta")

    def show(
        self, card: ReviewCard, *, revealed: bool, now: datetime, tz: tzinfo | None = None
    ) -> None:
        """Draw `card`: its front, and its back (what to do, small print) if revealed."""
        front, rest = card_parts(card)
        front_widget = self.query_one("#face-front", Static)
        front_widget.update(Text(one_line(front, _FRONT_LIMIT)))
        front_widget.set_class(not card.has_own_front, "made")
        self.query_one("#face-made").display = not card.has_own_front and not revealed
        self.query_one("#face-back").display = revealed
        rest_widget = self.query_one("#face-rest", Static)
        rest_widget.update(Text(rest))
        rest_widget.display = bool(rest)
        self.query_one("#face-meta", Static).update(meta_lines(card, now, tz))
