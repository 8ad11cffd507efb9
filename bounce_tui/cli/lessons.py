"""`bounce lesson`: keep a lesson, search them, or group two into one theme."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bounce_tui.cli.common import (
    MAX_TEXT,
    UsageError,
    check_texts,
    database_path,
    open_store,
    past_moment,
    reading_path,
    say,
)

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import LessonView, SimilarLesson
    from bounce_tui.store.quick import FoundLesson


def cmd_lesson(args: argparse.Namespace) -> int:
    from bounce_tui.domain.cards import MAX_PROMPT
    from bounce_tui.domain.lessons import validate_category
    from bounce_tui.domain.text import clean_id_ref, clean_tags

    others = [name for name, value in (("--search", args.search), ("--theme", args.theme),
              ("--leave-theme", args.leave_theme)) if value is not None]  # fmt: skip
    if len(others) > 1 or (others and (args.text is not None or args.same_as is not None)):
        raise UsageError("give one of: a lesson to keep, --search, --theme or --leave-theme")
    if args.search is not None:
        return _search_lessons(args)
    if args.theme is not None or args.leave_theme is not None:
        return _group_lessons(args)
    if args.text is None:
        raise UsageError("the lesson text is missing (or use --search TEXT)")
    category = validate_category(args.category)
    clean_tags(args.tags)
    check_texts(lesson=(args.text, True, MAX_TEXT), front=(args.prompt, False, MAX_PROMPT))
    for ref in (args.rejection, args.same_as):
        if ref is not None:
            clean_id_ref(ref)
    learned = past_moment(args.on, "a lesson")
    article = "an" if category[:1] in "aeiou" else "a"
    kept = f"kept {article} {category} lesson, id {{}}; it is due for review now."
    if args.same_as is None:  # joining a theme is the ORM's (see `LessonCases.join_theme`)
        from bounce_tui.store import quick

        path = database_path(args)
        quick_id = quick.add_lesson(path, args.text, category=category, tags=args.tags,
                                    rejection=args.rejection, prompt=args.prompt,
                                    at=learned)  # fmt: skip
        if quick_id is not None:
            say(kept.format(quick_id[:8]))
            found = quick.similar_lessons(path, args.prompt, args.text, exclude_id=quick_id)
            _offer_theme(quick_id, found)
            return 0
    store = open_store(args)
    rejection_id = None
    if args.rejection is not None:
        rejection_id = store.rejections.resolve_rejection(args.rejection)
    same_as = store.lessons.resolve_lesson(args.same_as) if args.same_as is not None else None
    lesson_id = store.lessons.add_lesson(args.text, category=category, tags=args.tags,
                                         rejection_id=rejection_id, prompt=args.prompt,
                                         at=learned)  # fmt: skip
    say(kept.format(lesson_id[:8]))
    if same_as is not None:
        store.lessons.join_theme(lesson_id, same_as)
        say(f"It is in the same theme as {same_as[:8]} now; practise it before the next interview.")
        return 0
    _offer_theme(
        lesson_id, store.lessons.similar_lessons(args.prompt, args.text, exclude_id=lesson_id)
    )
    return 0


def _offer_theme(lesson_id: str, similar: list[SimilarLesson]) -> None:
    """The earlier lessons like the one just kept, and how to make them one theme."""
    if similar:
        say("You noted something like this before:")
        for found in similar:
            say(f"  {found.lesson_id[:8]}  {_similar_line(found)}")
        say(f"Same theme? bounce lesson --theme {lesson_id[:8]} {similar[0].lesson_id[:8]}")


def _similar_line(found: SimilarLesson) -> str:
    """ "after Northwind (12 Nov 2026): Prepare two …" on one line."""
    from bounce_tui.domain.dates import local_day
    from bounce_tui.domain.text import one_line

    day = local_day(found.when).strftime("%d %b %Y")
    where = f"after {one_line(found.company, 30)} ({day})" if found.company else f"on {day}"
    return f"{where}: {one_line(found.text, 70)}"


def _group_lessons(args: argparse.Namespace) -> int:
    from bounce_tui.domain.text import clean_id_ref

    refs = list(args.theme) if args.theme is not None else [args.leave_theme]
    for ref in refs:
        clean_id_ref(ref)
    store = open_store(args)
    ids = [store.lessons.resolve_lesson(ref) for ref in refs]
    if args.theme is not None:
        store.lessons.join_theme(ids[0], ids[1])
        say(f"{ids[0][:8]} and {ids[1][:8]} are one theme now; "
             "the checklist has a practise item for it.")  # fmt: skip
    else:
        store.lessons.leave_theme(ids[0])
        say(f"{ids[0][:8]} is on its own again.")
    return 0


def _search_lessons(args: argparse.Namespace) -> int:
    from bounce_tui.domain.text import clean_text, one_line

    clean_text(args.search, "search", max_len=1000)
    from bounce_tui.store import quick

    path = reading_path(args)
    found: Sequence[FoundLesson | LessonView] | None = quick.search_lessons(
        path, args.search, limit=50
    )
    if found is None:
        found = open_store(args, reading=True).read.search_lessons(args.search, limit=50)
    if not found:
        say("no lesson matches")
        return 0
    for number, lesson in enumerate(found, start=1):
        where = f" ({one_line(lesson.company, 40)})" if lesson.company else ""
        front = f"{one_line(lesson.prompt, 40)} → " if lesson.prompt.strip() else ""
        say(f"{number:>2}. [{lesson.category}] {front}{one_line(lesson.text, 90)}{where} "
             f"id {lesson.lesson_id[:8]}")  # fmt: skip
    return 0
