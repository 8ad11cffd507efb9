"""Python's cycle collector waits while bounce starts, until the first frame is shown.

Starting the app builds a few hundred thousand objects (modules, widgets, styles,
the segments of the first frame), and the collector, triggered by the count of new
objects, walks all of them again and again while they are built: about a tenth of
the time to the first frame. None of them is garbage yet. The command line's `run`
turns the collector off before it imports anything; the app calls `resume` once
its first frame is drawn, and the opener (cli/tui.py) calls it again on the way
out whatever happened. Brief commands end with it off; the others resume it
before they start (cli/__init__.py, `BRIEF`). Memory is still freed the usual
way (reference counts) meanwhile.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the cycle collector off until `resume` (only if it is on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Turn the collector back on if `pause` turned it off; otherwise do nothing."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def is_paused() -> bool:
    """Whether `pause` has the collector off now."""
    return _paused
