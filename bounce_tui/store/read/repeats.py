"""Earlier lessons that read like a new one, and the sizes of confirmed themes.

Candidates come from the search index: the new lesson's meaningful words as
literal quoted terms (typed text is never query syntax), the rarer ones ranked
by bm25, and only those few dozen lessons are scored in Python
(`domain/repeats.py`). Where SQLite has no FTS5 the newest `FALLBACK_WINDOW`
lessons are scored instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import text as sql
from sqlmodel import Session, col, func, select

from bounce_tui.domain import repeats
from bounce_tui.domain.repeats import CANDIDATES, COMMON_CANDIDATES, RARE_DOCS
from bounce_tui.domain.snapshot import LessonView, SimilarLesson
from bounce_tui.store.models import Lesson, Rejection
from bounce_tui.store.read.search import has_index

#: How many of the newest lessons are scored where there is no search index.
FALLBACK_WINDOW = 2_000


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _rarity(session: Session, words: list[str]) -> list[int]:
    """How many lessons hold each word, counted up to RARE_DOCS + 1 (one statement)."""
    counts = ", ".join(
        f"(SELECT count(*) FROM (SELECT 1 FROM lesson_fts WHERE lesson_fts MATCH :w{i} LIMIT :cap))"
        for i in range(len(words))
    )
    params: dict[str, object] = {f"w{i}": _quoted(w) for i, w in enumerate(words)}
    params["cap"] = RARE_DOCS + 1
    row = session.exec(sql(f"SELECT {counts}"), params=params).one()  # type: ignore[call-overload]
    return [int(n) for n in row]


def candidate_ids(session: Session, prompt: str, text: str, limit: int = CANDIDATES) -> list[str]:
    """Ids of lessons sharing words with this one, the likeliest first.

    The rarer words (in at most RARE_DOCS lessons, while their matches fit
    ROW_BUDGET) are looked for in fronts and backs, best bm25 first; a lesson
    sharing only common words must share two of them, and only the newest
    COMMON_CANDIDATES of those are taken (ranking them all would cost too much).
    """
    words = repeats.search_words(prompt, text)
    if not words:
        return []
    if not has_index(session):
        return list(
            session.exec(
                select(Lesson.id).order_by(col(Lesson.created_at).desc()).limit(FALLBACK_WINDOW)
            ).all()
        )
    found_in = _rarity(session, words)
    rare, common = repeats.rare_and_common(words, found_in)
    ids: list[str] = []
    if rare:
        rows = session.exec(  # type: ignore[call-overload]
            sql(
                "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH :q "
                "ORDER BY bm25(lesson_fts, 0.0, 0.5, 1.0, 0.0, 0.0) LIMIT :n"
            ),
            params={"q": "{prompt text} : (" + " OR ".join(map(_quoted, rare)) + ")", "n": limit},
        ).all()
        ids.extend(row[0] for row in rows)
    if len(common) >= 2:
        pairs = [
            f"({_quoted(a)} AND {_quoted(b)})"
            for i, a in enumerate(common)
            for b in common[i + 1 :]
        ]
        rows = session.exec(  # type: ignore[call-overload]
            sql(
                "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH :q "
                "ORDER BY rowid DESC LIMIT :n"
            ),
            params={"q": " OR ".join(pairs), "n": COMMON_CANDIDATES},
        ).all()
        ids.extend(row[0] for row in rows)
    return list(dict.fromkeys(ids))


def similar_lessons(
    session: Session,
    prompt: str,
    text: str,
    *,
    exclude_id: str | None = None,
    limit: int = 3,
) -> list[SimilarLesson]:
    """Earlier lessons that read like (`prompt`, `text`), most alike first.

    `exclude_id` is the lesson being written or edited: it and the lessons
    already in its theme are left out.
    """
    ids = candidate_ids(session, prompt, text)
    if not ids:
        return []
    own_theme = None
    if exclude_id is not None:
        own_theme = session.exec(select(Lesson.theme_id).where(Lesson.id == exclude_id)).first()
    new = repeats.lesson_stems(prompt, text)
    found: list[SimilarLesson] = []
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(Lesson, Rejection)
            .join(Rejection, isouter=True)
            .where(col(Lesson.id).in_(ids[start : start + 500]))
        ).all()
        for lesson, rejection in rows:
            if lesson.id == exclude_id or (own_theme and lesson.theme_id == own_theme):
                continue
            score = repeats.score(new, repeats.lesson_stems(lesson.prompt, lesson.text))
            if score < repeats.REPEAT_THRESHOLD:
                continue
            found.append(
                SimilarLesson(
                    lesson_id=lesson.id,
                    prompt=lesson.prompt,
                    text=lesson.text,
                    company=rejection.company if rejection else "",
                    when=rejection.received_at if rejection else lesson.created_at,
                    theme_id=lesson.theme_id,
                    score=score,
                )
            )
    found.sort(key=lambda s: (-s.score, -s.when.timestamp(), s.lesson_id))
    return found[:limit]


def theme_sizes(session: Session, theme_ids: Iterable[str | None]) -> dict[str, int]:
    """How many lessons each of these themes holds."""
    wanted = sorted({t for t in theme_ids if t})
    if not wanted:
        return {}
    return dict(
        session.exec(
            select(Lesson.theme_id, func.count())
            .where(col(Lesson.theme_id).in_(wanted))
            .group_by(col(Lesson.theme_id))
        ).all()
    )


def with_theme_sizes(session: Session, views: Sequence[LessonView]) -> list[LessonView]:
    """The views with `theme_size` filled in (one query)."""
    sizes = theme_sizes(session, (v.theme_id for v in views))
    if not sizes:
        return list(views)
    return [v._replace(theme_size=sizes.get(v.theme_id, 0)) if v.theme_id else v for v in views]
