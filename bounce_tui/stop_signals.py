"""SIGTERM and SIGHUP end the app within a second, whatever it is doing.

The signal first asks the app to stop the usual way (the terminal is restored and
the database closed). A watchdog thread gives that `GRACE_SECONDS`; if the process
is still there then (a worker stuck waiting for a lock, a terminal that is gone,
an event loop that no longer runs), it restores the terminal itself and ends the
process. Every write is its own committed transaction, so nothing entered is lost;
SQLite rolls back an unfinished one the next time the file opens.

The handler is a plain `signal.signal` handler, not an event-loop one: it runs
even when the event loop is stuck.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

GRACE_SECONDS = 0.7
#: What the terminal needs back when the app could not restore it: keyboard protocol,
#: mouse reporting, bracketed paste and focus events off, the main screen, the cursor.
RESTORE_TERMINAL = (
    "\x1b[<u\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1004l\x1b[?1049l\x1b[?25h"
)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _terminal_attributes(fd: int) -> list[Any] | None:
    try:
        import termios

        return termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError):
        return None
    except Exception:  # noqa: BLE001 - termios.error: not a terminal
        return None


#: The terminal as it was before bounce touched it (set by `keep_early_keys`).
_ORIGINAL_TERMINAL: list[Any] | None = None


def keep_early_keys() -> list[Any] | None:
    """Take keys raw from now on, before the slow imports, so keys typed then are kept.

    In the terminal's normal mode, ctrl+s pauses output and typed letters wait for
    enter; Textual reads them once it starts. Returns the attributes to restore.
    """
    global _ORIGINAL_TERMINAL
    if sys.__stdin__ is None or not sys.__stdin__.isatty():
        return None
    attributes = _terminal_attributes(sys.__stdin__.fileno())
    if attributes is None:
        return None
    try:
        import termios

        raw = list(attributes)
        raw[0] &= ~termios.IXON
        raw[3] &= ~(termios.ICANON | termios.ECHO)
        raw[6] = list(raw[6])
        raw[6][termios.VMIN] = 1
        raw[6][termios.VTIME] = 0
        termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, raw)
    except Exception:  # noqa: BLE001 - keys typed early are a nicety, never a failure
        return None
    _ORIGINAL_TERMINAL = attributes
    return attributes


def restore_terminal(attributes: list[Any] | None) -> None:
    """Put back what `keep_early_keys` changed."""
    if attributes is None or sys.__stdin__ is None:
        return
    with contextlib.suppress(Exception):
        import termios

        termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, attributes)


class StopOnSignal:
    """Turns SIGTERM/SIGHUP into a clean stop, and into a forced one after a grace period."""

    def __init__(
        self,
        request_exit: Callable[[], None],
        *,
        grace: float = GRACE_SECONDS,
        force: Callable[[int], None] | None = None,
    ) -> None:
        self._request_exit = request_exit
        self._grace = grace
        self._force = force or self._end_process
        self._previous: dict[int, Any] = {}
        self._loop: Any = None
        self._done = threading.Event()
        #: The signal that asked the app to stop (None: none came).
        self.received: int | None = None
        # Taken before the app changes the terminal, to put it back if the app cannot.
        self._terminal = _ORIGINAL_TERMINAL or (
            _terminal_attributes(sys.__stdin__.fileno()) if sys.__stdin__ else None
        )

    def install(self, loop: Any) -> None:
        """Handle SIGTERM and SIGHUP from now on (call on the main thread)."""
        self._loop = loop
        for sig in STOP_SIGNALS:
            with contextlib.suppress(ValueError, OSError):
                self._previous[sig] = signal.signal(sig, self._on_signal)

    def uninstall(self) -> None:
        """Put the handlers that were there before back."""
        for sig, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, previous)
        self._previous.clear()

    def stopped_cleanly(self) -> None:
        """The app has stopped and restored the terminal: the watchdog need not touch it."""
        self._done.set()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is not None:
            return
        self.received = signum
        watchdog = threading.Thread(target=self._watch, args=(signum,), name="bounce-stop")
        watchdog.daemon = True
        watchdog.start()
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._request_exit)

    def _watch(self, signum: int) -> None:
        if self._done.wait(self._grace):
            # Stopped and restored: let the process end by itself, unless a thread holds it.
            time.sleep(self._grace / 2)
        else:
            self._restore_terminal()
        self._force(128 + signum)

    def _restore_terminal(self) -> None:
        """Put the terminal back; a terminal that is gone or blocked is not waited for."""
        writer = threading.Thread(target=self._write_restore, name="bounce-restore", daemon=True)
        writer.start()
        writer.join(0.2)

    def _write_restore(self) -> None:
        with contextlib.suppress(Exception):
            os.write(sys.__stderr__.fileno() if sys.__stderr__ else 2, RESTORE_TERMINAL.encode())
        if self._terminal is not None and sys.__stdin__ is not None:
            with contextlib.suppress(Exception):
                import termios

                termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, self._terminal)

    @staticmethod
    def _end_process(code: int) -> None:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        os._exit(code)
