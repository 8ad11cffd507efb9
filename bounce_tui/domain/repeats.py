"""Is a new lesson the same advice as an earlier one? A score over stemmed words.

A lesson is a card: a front (`prompt`, the situation, may be empty) and a back
(`text`, what to do next time). Two lessons are compared by their meaningful
words: casefolded, split at anything that is not a letter or digit (so
"stakeholder-management" is two words), without common English words, and
stemmed with the Snowball English stemmer, so "stories" meets "story" and
"negotiating" meets "negotiate".

The score is a weighted Dice coefficient: twice the weight of the stems both
lessons share, over the weight of both. Words on the back weigh 1, words only
on the front weigh `FRONT_WEIGHT` (two cards can face the same question and
give different advice), and words nearly every job-hunt lesson uses
(`COMMON_WORDS`: interview, ask, call, team, role…) weigh half as much.
Lessons that share fewer than `MIN_SHARED` stems, or only common words, are
never called repeats, however short they are. (The overlap coefficient, shared
over the smaller lesson, caught as many paraphrases but called three times as
many same-topic pairs repeats: "test my camera" and "look at the camera".
Without the half weight of common words, Dice needs 0.55 to keep same-topic
pairs out, and then misses "prepare a crisp story about influencing a senior
stakeholder" against "prepare two stakeholder-management stories".)

`snowballstemmer` is imported on first use, so importing this module stays
cheap for the command line. The thresholds were chosen on the labelled pairs
in `tests/fixtures/repeat_pairs.json` (`python tests/stress/repeat_quality.py`
prints the figures).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "FRONT_WEIGHT",
    "MIN_SHARED",
    "COMMON_WEIGHT",
    "COMMON_WORDS",
    "REPEAT_THRESHOLD",
    "STOP_WORDS",
    "Stems",
    "words",
    "stems",
    "lesson_stems",
    "score",
    "is_repeat",
    "search_words",
]

#: How much a word found only on the front counts, next to a word on the back (1).
FRONT_WEIGHT = 0.5
#: The fewest stems two lessons must share to be called the same advice.
MIN_SHARED = 2
#: The score from which a lesson is offered as a repeat of another.
REPEAT_THRESHOLD = 0.5
#: How much a word that nearly every job-hunt lesson uses counts.
COMMON_WEIGHT = 0.5
#: Words that nearly every job-hunt lesson uses, so sharing them says little.
COMMON_WORDS = (
    "interview",
    "ask",
    "call",
    "round",
    "use",
    "day",
    "week",
    "job",
    "role",
    "company",
    "team",
    "question",
    "answer",
    "take",
)

STOP_WORDS = frozenset(
    (  # noqa: SIM905 - a readable word list
        # common English words
        "a about above after again against all also am an and any are aren as at be "
        "because been before being below between both but by can cannot could couldn "
        "did didn do does doesn doing don down during each else even ever every few for "
        "from further had hadn has hasn have haven having he her here hers herself him "
        "himself his how i if in into is isn it its itself just let ll me more most much "
        "must mustn my myself no nor not now of off on once one only or other ought our "
        "ours ourselves out over own per quite rather re really s same shall shan she "
        "should shouldn so some still such t than that the their theirs them themselves "
        "then there these they this those though through thus to too under until up upon "
        "us ve very via was wasn we were weren what whatever when where whether which "
        "while who whom whose why will with won would wouldn yet you your yours yourself "
        "yourselves d m "
        # words every lesson could say
        "next time always never sure make made get got go going lot lots thing things "
        "something way better instead maybe also actually properly enough "
        # numbers carry little of the advice
        "two three four five six seven eight nine ten first second third"
    ).split()
)

_SPLIT = re.compile(r"[\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The meaningful words of `text` in order: casefolded, split, without stop words.

    Hyphenated and slashed words are split ("take-home" is "take", "home");
    words of one letter, numbers and stop words are dropped.
    """
    found: list[str] = []
    for word in _SPLIT.split(text.casefold()):
        if len(word) < 2 or word.isdigit() or word in STOP_WORDS:
            continue
        found.append(word)
    return found


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    # The stemmer is pure Python (about 0.1 ms a word); lessons repeat their words.
    return str(_stemmer().stemWord(word))


def stems(text: str) -> frozenset[str]:
    """The stems of the meaningful words of `text` ("stories" -> "stori")."""
    return frozenset(_stem(word) for word in words(text))


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    return stems(" ".join(COMMON_WORDS))


@dataclass(frozen=True)
class Stems:
    """A lesson reduced to what the score compares: the stems of its back and front."""

    back: frozenset[str]
    front: frozenset[str]

    def weights(self) -> dict[str, float]:
        """Each stem with its weight: 1 on the back, FRONT_WEIGHT only on the front,
        times COMMON_WEIGHT for a common word."""
        weighted = dict.fromkeys(self.front, FRONT_WEIGHT)
        weighted.update(dict.fromkeys(self.back, 1.0))
        for common in _common_stems() & weighted.keys():
            weighted[common] *= COMMON_WEIGHT
        return weighted


def lesson_stems(prompt: str, text: str) -> Stems:
    """The stems of a lesson's front (`prompt`) and back (`text`)."""
    return Stems(back=stems(text), front=stems(prompt))


def score(a: Stems, b: Stems) -> float:
    """How alike two lessons are, 0 to 1 (symmetric).

    Twice the weight of the shared stems (each at the lower of its two weights)
    over the total weight of both; 0 when they share fewer than MIN_SHARED stems,
    or only common words ("ask about the team" and "ask what the team struggles with").
    """
    wa, wb = a.weights(), b.weights()
    shared = wa.keys() & wb.keys()
    if len(shared) < MIN_SHARED or shared <= _common_stems():
        return 0.0
    overlap = sum(min(wa[s], wb[s]) for s in shared)
    return min(1.0, 2 * overlap / (sum(wa.values()) + sum(wb.values())))


def is_repeat(a: Stems, b: Stems, threshold: float = REPEAT_THRESHOLD) -> bool:
    """True when `b` looks like the same advice as `a`."""
    return score(a, b) >= threshold


def search_words(prompt: str, text: str, limit: int = 16) -> list[str]:
    """The lesson's meaningful words to look for candidates with, back first, no repeats.

    They are plain words (letters and digits only), to be quoted as literal terms.
    """
    seen: list[str] = []
    for word in _unique(words(text) + words(prompt)):
        if len(seen) >= limit:
            break
        seen.append(word)
    return seen


#: A word found in more lessons than this says little about which lesson is meant.
RARE_DOCS = 1_000
#: The most matching rows a ranked query may weigh (bm25 costs a few µs a row).
ROW_BUDGET = 3_000
#: How many of the index's best matches are scored.
CANDIDATES = 30
#: How many of the newest lessons that share two common words are scored.
COMMON_CANDIDATES = 10


def rare_and_common(words: Sequence[str], found_in: Sequence[int]) -> tuple[list[str], list[str]]:
    """Split a lesson's search words by how many lessons hold each (`found_in`, capped).

    Rare words, rarest first, while each is in at most RARE_DOCS lessons and their
    matches together fit ROW_BUDGET, are searched ranked; up to three of the rest,
    the common words, find the newest lessons sharing two of them. Words found
    nowhere are dropped.
    """
    counted = sorted((found_in[i], i, w) for i, w in enumerate(words) if found_in[i] > 0)
    rare: list[str] = []
    budget = 0
    for n, _, word in counted:
        if n > RARE_DOCS or budget + n > ROW_BUDGET:
            break
        rare.append(word)
        budget += n
    common = [w for _, _, w in counted if w not in rare][:3]
    return rare, common


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
