"""The repeat check: words, stems, the score, and how it does on labelled pairs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain import repeats
from bounce_tui.domain.repeats import (
    Stems,
    is_repeat,
    lesson_stems,
    score,
    search_words,
    stems,
    words,
)
from tests.stress.repeat_quality import figures


def test_words_are_casefolded_split_and_without_stop_words() -> None:
    assert words("Prepare two stakeholder-management STORIES, with the outcome!") == [
        "prepare", "stakeholder", "management", "stories", "outcome",
    ]  # fmt: skip
    assert words("") == [] and words("the and of 42 a") == []


def test_stems_meet_plural_and_verb_forms() -> None:
    assert stems("stories") == stems("story")
    assert stems("negotiating") == stems("negotiate")
    assert stems("rejected") == stems("rejection")


def test_the_example_that_used_to_score_014_is_a_repeat() -> None:
    a = lesson_stems(
        "", "Prepare a crisp story about influencing a senior stakeholder, with the outcome"
    )
    b = lesson_stems("", "Prepare two concrete stakeholder-management stories (conflict, pushback) "
                         "with outcomes")  # fmt: skip
    assert is_repeat(a, b)


def test_one_shared_word_is_never_a_repeat() -> None:
    assert score(lesson_stems("", "salary"), lesson_stems("", "salary salary")) == 0.0


def test_the_back_weighs_more_than_the_front() -> None:
    same_front = score(
        lesson_stems("They asked why I want this job", "Link my answer to their mission"),
        lesson_stems("They asked why I want this job", "Say I wanted bigger problems"),
    )
    same_back = score(
        lesson_stems("Asked about salary", "Link my answer to their mission"),
        lesson_stems("Why this job?", "Link my answers to their mission"),
    )
    assert same_back > same_front
    assert not is_repeat(
        lesson_stems("They asked why I want this job", "Link my answer to their mission"),
        lesson_stems("They asked why I want this job", "Say I wanted bigger problems"),
    )


def test_search_words_are_plain_words_back_first() -> None:
    assert search_words("Asked about salary", 'Say "NEAR" -x * salary') == [
        "say",
        "near",
        "salary",
        "asked",
    ]
    assert all(w.isalnum() for w in search_words("", 'a-b c*d "e" (f) NEAR/3'))


@given(st.text(max_size=80), st.text(max_size=80), st.text(max_size=40), st.text(max_size=40))
def test_score_is_symmetric_and_bounded(a: str, b: str, pa: str, pb: str) -> None:
    x, y = lesson_stems(pa, a), lesson_stems(pb, b)
    assert score(x, y) == score(y, x)
    assert 0.0 <= score(x, y) <= 1.0


@given(st.text(max_size=120))
def test_a_lesson_with_two_meaningful_words_repeats_itself(text: str) -> None:
    s = lesson_stems("", text)
    assert is_repeat(s, s) == (len(s.back) >= repeats.MIN_SHARED)


def test_empty_lessons_score_nothing() -> None:
    assert score(Stems(frozenset(), frozenset()), Stems(frozenset(), frozenset())) == 0.0


def test_labelled_pairs_catch_paraphrases_and_few_others() -> None:
    every = figures()
    assert every.same >= 30 and every.same + every.other >= 60
    assert every.recall >= 0.8, every
    assert every.false_rate <= 0.1, every
    held = figures("holdout")
    assert held.recall >= 0.8 and held.false_rate <= 0.1, held


def test_sharing_only_common_words_is_not_a_repeat() -> None:
    assert (
        score(
            lesson_stems("", "Ask about the team"),
            lesson_stems("", "Ask what the team struggles with"),
        )
        == 0.0
    )


def test_rare_words_first_within_the_budget_then_up_to_three_common() -> None:
    from bounce_tui.domain.repeats import RARE_DOCS, ROW_BUDGET, rare_and_common

    words = ["salary", "team", "roadmap", "the", "absent", "culture", "stories", "pay", "notice"]
    common_n = RARE_DOCS + 1
    found_in = [900, common_n, 5, common_n, 0, 800, common_n, 950, 990]
    assert 5 + 800 + 900 + 950 <= ROW_BUDGET < 5 + 800 + 900 + 950 + 990
    rare, common = rare_and_common(words, found_in)
    assert rare == ["roadmap", "culture", "salary", "pay"]  # rarest first, within the budget
    assert common == ["notice", "team", "the"]  # by count, then the lesson's order
