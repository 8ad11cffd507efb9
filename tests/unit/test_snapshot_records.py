"""The main screen's records are defined the cheap way: evaluated field types."""

from __future__ import annotations

import inspect
from typing import ForwardRef

from bounce_tui.domain import snapshot


def test_every_record_has_evaluated_field_types() -> None:
    """A field type given as text is compiled when its named tuple is defined; over the
    module's hundred fields that cost milliseconds of every start."""
    records = [
        value
        for value in vars(snapshot).values()
        if inspect.isclass(value) and issubclass(value, tuple) and hasattr(value, "_fields")
    ]
    assert len(records) >= 10
    for record in records:
        assert record.__module__ == snapshot.__name__
        for name, kind in record.__annotations__.items():
            assert not isinstance(kind, str | ForwardRef), f"{record.__name__}.{name}"
