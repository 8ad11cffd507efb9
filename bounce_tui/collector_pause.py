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

Once the app has started, `settle` collects what the start left behind and sets
every object alive then aside (`gc.freeze`): the collector's full passes, which
otherwise walk the whole heap and stalled a key now and then by 60-150 ms, walk
only what was made since. The app settles again once the store (and the ORM it
imports) has opened. What is set aside stays: a start-up object that later became
part of a cycle of garbage would not be freed, which costs far less than the
stalls (the start-up objects are modules, classes and the main screen, which live
as long as the app).
"""

from __future__ import annotations

import gc

_paused = False
#: True once `resume` ended a pause: this process was started by bounce's command line.
_settles = False


def pause() -> None:
    """Turn the cycle collector off until `resume` (only if it is on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> bool:
    """Turn the collector back on if `pause` turned it off; whether it did."""
    global _paused, _settles
    if not _paused:
        return False
    _paused = False
    _settles = True
    gc.enable()
    return True


def settle() -> None:
    """Collect the garbage there is now and set every live object aside (`gc.freeze`).

    Only in a process whose collector `pause` and `resume` ran (bounce's own
    command line), and only while the collector is on.
    """
    if _settles and gc.isenabled():
        gc.collect()
        gc.freeze()


def is_paused() -> bool:
    """Whether `pause` has the collector off now."""
    return _paused
