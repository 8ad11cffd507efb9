"""One line for an error shown to the person: its rule or storage message, never a traceback."""

from __future__ import annotations

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import one_line


def describe_error(exc: BaseException) -> str:
    """The sentence of a rule or storage error; for anything else, only its type."""
    if isinstance(exc, DomainError):
        return one_line(str(exc))
    from bounce_tui.store.errors import StoreError

    if isinstance(exc, StoreError):
        return one_line(str(exc))
    return f"Something went wrong ({type(exc).__name__}); nothing else was changed."
