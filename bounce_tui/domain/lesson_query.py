"""What a person types into the lessons search: words, `cat:X` and `at:X` filters."""

from __future__ import annotations

from dataclasses import dataclass

from bounce_tui.domain.snapshot import LessonView

__all__ = ["LessonFilter", "parse_query"]


@dataclass(frozen=True)
class LessonFilter:
    """A parsed search: words that must all appear, plus category and company filters."""

    words: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every lesson through."""
        return not (self.words or self.categories or self.companies)

    def matches(self, lesson: LessonView) -> bool:
        """Whether ``lesson`` passes the filter (case-insensitive)."""
        category = lesson.category.casefold()
        company = lesson.company.casefold()
        if any(not category.startswith(c) for c in self.categories):
            return False
        if any(c not in company for c in self.companies):
            return False
        if self.words:
            haystack = "\n".join(
                (lesson.text.casefold(), category, company, *(t.casefold() for t in lesson.tags))
            )
            return all(word in haystack for word in self.words)
        return True


def parse_query(query: str) -> LessonFilter:
    """Parse a search: ``cat:X`` filters by category, ``at:X`` by company, the rest are words."""
    words: list[str] = []
    categories: list[str] = []
    companies: list[str] = []
    for token in query.casefold().split():
        if token.startswith("cat:"):
            if token[4:]:
                categories.append(token[4:])
        elif token.startswith("at:"):
            if token[3:]:
                companies.append(token[3:])
        else:
            words.append(token)
    return LessonFilter(tuple(words), tuple(categories), tuple(companies))
