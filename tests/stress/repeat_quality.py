"""How well the repeat check tells the same advice from merely the same subject.

    python tests/stress/repeat_quality.py [-v]

Prints, for the pairs looked at while tuning and for the held-out pairs, how many
paraphrases were offered as repeats (recall) and how many other pairs were
(false suggestions). `-v` lists every pair with its score.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bounce_tui.domain import repeats  # noqa: E402
from tests.fixtures.repeat_pairs import PAIRS, Lesson  # noqa: E402


def stems_of(lesson: Lesson) -> repeats.Stems:
    prompt, text = lesson if isinstance(lesson, tuple) else ("", lesson)
    return repeats.lesson_stems(prompt, text)


@dataclass(frozen=True)
class Figures:
    same: int
    caught: int
    other: int
    suggested: int

    @property
    def recall(self) -> float:
        return self.caught / self.same if self.same else 1.0

    @property
    def false_rate(self) -> float:
        return self.suggested / self.other if self.other else 0.0

    @property
    def precision(self) -> float:
        offered = self.caught + self.suggested
        return self.caught / offered if offered else 1.0


def figures(split: str | None = None) -> Figures:
    """Counts over the pairs of one split (None: all of them)."""
    same = caught = other = suggested = 0
    for kind, part, a, b in PAIRS:
        if split is not None and part != split:
            continue
        offered = repeats.is_repeat(stems_of(a), stems_of(b))
        if kind == "same":
            same += 1
            caught += offered
        else:
            other += 1
            suggested += offered
    return Figures(same, caught, other, suggested)


def main() -> None:
    if "-v" in sys.argv:
        for kind, part, a, b in PAIRS:
            score = repeats.score(stems_of(a), stems_of(b))
            print(f"{score:.2f} {kind:9} {part:7} {a!s:.50} | {b!s:.50}")
    for split in ("tune", "holdout", None):
        f = figures(split)
        print(
            f"{split or 'all':8} paraphrases caught {f.caught}/{f.same} ({f.recall:.0%}), "
            f"others suggested {f.suggested}/{f.other} ({f.false_rate:.0%}), "
            f"precision {f.precision:.0%}"
        )


if __name__ == "__main__":
    main()
