"""The app in a real terminal: a private tmux server, its screen, its keys and its raw output.

Each `Tmux` runs its own server (`tmux -L NAME`), so the sessions of parallel
tests never meet. `record()` pipes every byte the app writes to the terminal
into a file (`pipe-pane -O`), to look for control bytes that came from user text.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HAVE_TMUX = shutil.which("tmux") is not None

#: Numbers the servers this process starts, so no two share a socket.
_SERVERS = itertools.count()

#: One radio button of the check-in form's mood picker, as `capture-pane -e` shows it:
#: the escapes that colour its dot (the picked one's differ), then its number.
_ESCAPES = r"(?:\x1b\[[0-9;]*m)*"
_MOOD_BUTTON = re.compile(rf"▐({_ESCAPES})●{_ESCAPES}▌{_ESCAPES} ([1-5]) ")


def picked_mood(coloured_screen: str) -> int | None:
    """The mood the check-in form shows as picked (its dot has a colour of its own)."""
    for line in coloured_screen.splitlines():
        buttons = _MOOD_BUTTON.findall(line)
        if len(buttons) == 5:
            styles = [style for style, _ in buttons]
            odd = [int(number) for style, number in buttons if styles.count(style) == 1]
            return odd[0] if len(odd) == 1 else None
    return None


class Tmux:
    """One tmux server with one session running one command."""

    def __init__(self, name: str, env: dict[str, str]) -> None:
        # Unique per process and per server: parallel test workers, two copies of the
        # suite and the user's own tmux never share a server.
        self.socket = f"bounce-{name}-{os.getpid()}-{next(_SERVERS)}"
        self.name = "main"
        self.env = env

    def _tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              env=self.env, check=check)  # fmt: skip

    def start(self, command: str, width: int = 100, height: int = 30) -> None:
        self._tmux("kill-server")
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                   command, check=True)  # fmt: skip
        self._tmux("set-option", "-t", self.name, "remain-on-exit", "on")

    def record(self, path: Path) -> None:
        """Append every byte the program writes to the terminal to `path`."""
        self._tmux("pipe-pane", "-O", "-t", self.name, f"cat >> {shlex.quote(str(path))}",
                   check=True)  # fmt: skip

    def screen(self, *, escapes: bool = False) -> str:
        """The visible screen; with `escapes`, with its colours (to see a highlight move)."""
        extra = ("-e",) if escapes else ()
        return self._tmux("capture-pane", "-p", *extra, "-t", self.name).stdout

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys, check=True)

    def literal(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text, check=True)

    def flag(self, name: str) -> str:
        return self._tmux("display-message", "-p", "-t", self.name, f"#{{{name}}}").stdout.strip()

    def wait_for_raw_keys(self, timeout: float = 30) -> None:
        """Wait until the program has taken the terminal out of its line-by-line mode."""
        tty = self.flag("pane_tty")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(tty) as terminal:
                modes = subprocess.run(["stty", "-a"], stdin=terminal, capture_output=True,
                                       text=True).stdout  # fmt: skip
            if "-icanon" in modes.split():
                return
            time.sleep(0.01)
        raise AssertionError(f"the terminal never left line mode:\n{self.screen()}")

    def pane_pid(self) -> int:
        return int(self.flag("pane_pid"))

    def dead(self) -> bool:
        return self.flag("pane_dead") == "1"

    def wait_for(self, text: str | Callable[[str], bool], timeout: float = 20) -> str:
        test = (lambda screen: text in screen) if isinstance(text, str) else text
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def key_latency(
        self, key: str, view: Callable[[str], str] = lambda s: s, timeout: float = 5
    ) -> float:
        """Seconds from sending `key` until `view(coloured screen)` changes."""
        before = view(self.screen(escapes=True))
        started = time.perf_counter()
        self.keys(key)
        while time.perf_counter() - started < timeout:
            if view(self.screen(escapes=True)) != before:
                return time.perf_counter() - started
            time.sleep(0.005)
        return float("inf")

    def open_check_in(self, mood: int, timeout: float = 30) -> None:
        """Press c, pick `mood` and wait until the form shows it picked (the form stays open)."""
        self.keys("c")
        self.wait_for("1-5 mood")
        # The mood picker takes focus a moment after the form appears, and a digit
        # pressed before that is ignored: press it again until the form shows it picked.
        deadline = time.monotonic() + timeout
        while picked_mood(self.screen(escapes=True)) != mood:
            if time.monotonic() > deadline:
                raise AssertionError(f"mood {mood} was never picked:\n{self.screen()}")
            self.keys(str(mood))
            for _ in range(10):
                time.sleep(0.05)
                if picked_mood(self.screen(escapes=True)) == mood:
                    break

    def kill(self) -> None:
        self._tmux("kill-server")
        # tmux leaves its socket file behind; this one is ours and used once.
        folder = Path(self.env.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        with contextlib.suppress(OSError):
            (folder / self.socket).unlink()


@contextlib.contextmanager
def tmux_session(name: str, env: dict[str, str]) -> Iterator[Tmux]:
    session = Tmux(name, env)
    try:
        yield session
    finally:
        session.kill()


def process_alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def bounce_pid(session: Tmux, timeout: float = 10) -> int:
    """The pid of the app in the pane: the pane's process, or a child of the pane's shell."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pane = session.pane_pid()
        for pid in (pane, *_children(pane)):
            with contextlib.suppress(OSError):
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"bounce" in cmdline and b"sh\x00-c" not in cmdline:
                    return pid
        time.sleep(0.05)
    raise AssertionError("the app did not start in the pane")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(part) for part in text.split()]
