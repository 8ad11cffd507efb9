"""Holding Python's cycle collector while a large batch of records is read or merged."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Hold the cycle collector for the block; it resumes (if it was running) afterwards.

    An import or a sync makes millions of objects and no reference cycles; the
    collector would walk every live object again and again as they pile up (a
    tenth of an import's time). Nothing is lost: objects without cycles are freed
    as ever.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
