"""An answered reframing question is kept as a dated line in the rejection's notes."""

from __future__ import annotations

import pytest

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.errors import NotFound
from bounce_tui.store.repository import Store

from .conftest import Clock

QUESTION = "What else could have decided this?"


def notes_of(store: Store, rejection_id: str) -> str:
    (view,) = [r for r in store.read.main_snapshot().rejections if r.rejection_id == rejection_id]
    return view.notes


def test_answers_are_appended_as_dated_lines(store: Store, clock: Clock) -> None:
    rejection = store.rejections.log_rejection("Acme", notes="They liked the take-home.")
    view = store.rejections.answer_reframe(rejection, QUESTION, "  a budget freeze, maybe  ")
    first = f"Reframe, Tue 10 Mar 2026 · {QUESTION} — a budget freeze, maybe"
    assert view.notes == f"They liked the take-home.\n{first}"
    clock.advance(days=1)
    store.rejections.answer_reframe(rejection, "Is it all of me?", "no")
    assert notes_of(store, rejection).splitlines() == [
        "They liked the take-home.",
        first,
        "Reframe, Wed 11 Mar 2026 · Is it all of me? — no",
    ]


def test_an_answer_on_empty_notes_is_the_only_line(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    store.rejections.answer_reframe(rejection, QUESTION, "timing")
    assert notes_of(store, rejection) == f"Reframe, Tue 10 Mar 2026 · {QUESTION} — timing"


@pytest.mark.parametrize("answer", ["", "   ", "x" * 10_000, "bad \ud800 surrogate"])
def test_bad_answers_write_nothing(store: Store, answer: str) -> None:
    rejection = store.rejections.log_rejection("Acme", notes="kept")
    with pytest.raises(DomainError):
        store.rejections.answer_reframe(rejection, QUESTION, answer)
    assert notes_of(store, rejection) == "kept"


def test_hostile_answers_are_kept_on_one_visible_line(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    store.rejections.answer_reframe(rejection, "q:[/]\n\x1b[31m", "a:[/]\nnext\x00line\x9b")
    notes = notes_of(store, rejection)
    assert "\n" not in notes and "\x1b" not in notes and "\x00" not in notes
    assert notes.endswith("q:[/] ␛[31m — a:[/] next␀line\ufffd")


def test_notes_that_would_overflow_are_refused(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme", notes="n" * 99_990)
    with pytest.raises(DomainError, match="notes must be at most"):
        store.rejections.answer_reframe(rejection, QUESTION, "one more")
    assert notes_of(store, rejection) == "n" * 99_990


def test_answering_for_a_deleted_rejection_says_so(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    store.rejections.delete_rejection(rejection)
    with pytest.raises(NotFound):
        store.rejections.answer_reframe(rejection, QUESTION, "late")
