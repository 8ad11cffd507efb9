"""The one exception the domain raises when input breaks a rule."""

from __future__ import annotations

__all__ = ["DomainError"]


class DomainError(ValueError):
    """A rule was broken by input.

    ``str(error)`` is one plain human sentence, fit to print as a CLI error line
    or show under a form field, e.g. ``"mood must be a whole number from 1 to 5"``.
    """
