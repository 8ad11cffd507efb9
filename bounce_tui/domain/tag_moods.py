"""Tags that go with better (or worse) days: the mean mood on days with a tag and without it.

Pure functions on plain values. The rule (also in the README, "Tags and your days"):

- Only days with a check-in count, each with its daily mood (the mean of that
  day's check-ins, as everywhere else). A tag is "on" a day when any check-in of
  that day carries it, so a day counts once per tag however many check-ins name it.
- Tags are compared case-folded and trimmed (`Walk` and `walk` are one tag);
  the store already saves them lowercased, this also covers imported files.
- A tag is listed once it is on at least :data:`MIN_TAG_DAYS` (5) days of the range,
  and the range has at least :data:`MIN_WITHOUT_DAYS` (3) days with a check-in
  without it. The second rule keeps out tags that are on (nearly) every day: their
  "without" mean would rest on one or two days, and one bad day would read as
  "without this tag you feel awful".
- Listed tags are sorted by the difference (with minus without), largest first,
  so the tags of better days come first and those of harder days last; ties by name.

It shows what goes together, never what causes what: a good day may bring the
walk as much as the walk brings the good day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

__all__ = ["MIN_TAG_DAYS", "MIN_WITHOUT_DAYS", "TagMood", "TagMoods", "tag_moods", "fold_tag"]

#: A tag is listed once it is on at least this many days of the range.
MIN_TAG_DAYS = 5
#: … and at least this many days of the range with a check-in lack it.
MIN_WITHOUT_DAYS = 3


def fold_tag(tag: str) -> str:
    """The form tags are compared in: trimmed and case-folded."""
    return tag.strip().casefold()


@dataclass(frozen=True)
class TagMood:
    """One tag: the mean daily mood on the days with it and on the other days."""

    tag: str
    with_mean: float
    with_days: int
    without_mean: float
    without_days: int

    @property
    def difference(self) -> float:
        """with_mean - without_mean: above 0 when the tag goes with better days."""
        return self.with_mean - self.without_mean


@dataclass(frozen=True)
class TagMoods:
    """The listed tags of a range, and what is missing when none is listed.

    ``days`` is the number of days with a check-in in the range. ``nearest`` is the
    tag on the most days that is not listed (None: no tag at all), with its day
    count; ``too_common`` is True when that tag has enough days but too few days
    without it.
    """

    tags: tuple[TagMood, ...]
    days: int
    nearest: tuple[str, int] | None = None
    too_common: bool = False


def tag_moods(
    moods: Mapping[date, float],
    day_tags: Mapping[date, Iterable[str]],
    *,
    first: date | None = None,
    last: date | None = None,
) -> TagMoods:
    """The mean mood on days with and without each tag, over the days ``first``..``last``.

    ``moods`` maps each day with a check-in to its daily mood; ``day_tags`` maps a day
    to the tags of its check-ins (days without a mood are ignored). Either bound may
    be None (open).
    """
    days = {
        day: mood
        for day, mood in moods.items()
        if (first is None or day >= first) and (last is None or day <= last)
    }
    tagged: dict[str, set[date]] = {}
    for day, tags in day_tags.items():
        if day not in days:
            continue
        for raw in tags:
            tag = fold_tag(raw)
            if tag:
                tagged.setdefault(tag, set()).add(day)
    total, total_sum = len(days), sum(days.values())
    listed: list[TagMood] = []
    for tag, with_days in tagged.items():
        count = len(with_days)
        if count < MIN_TAG_DAYS or total - count < MIN_WITHOUT_DAYS:
            continue
        with_sum = sum(days[day] for day in with_days)
        listed.append(
            TagMood(
                tag=tag,
                with_mean=with_sum / count,
                with_days=count,
                without_mean=(total_sum - with_sum) / (total - count),
                without_days=total - count,
            )
        )
    listed.sort(key=lambda t: (-round(t.difference, 9), t.tag))
    shown = {t.tag for t in listed}
    rest = sorted(
        ((len(d), tag) for tag, d in tagged.items() if tag not in shown),
        key=lambda pair: (-pair[0], pair[1]),
    )
    nearest = (rest[0][1], rest[0][0]) if rest else None
    too_common = nearest is not None and nearest[1] >= MIN_TAG_DAYS
    return TagMoods(tuple(listed), total, nearest, too_common)
