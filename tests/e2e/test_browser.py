"""`bounce serve` in a real browser: headless Chromium opens the page, checks in, and the
check-in is in the database that `bounce status` reads.

The page's text is read from the terminal's own screen buffer (xterm.js draws on a
canvas, so there are no text rows in the DOM): a script added before the page's own
catches the terminal object when the page creates it. Every request the browser
makes is recorded: all of them must go to the bounce server itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli._support import isolated_env

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _chromium() -> str | None:
    chosen = os.environ.get("BOUNCE_TEST_CHROMIUM")
    if chosen:
        return chosen
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


CHROMIUM = _chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium found (apt-get install chromium, or set BOUNCE_TEST_CHROMIUM)",
    ),
]

#: Runs before the page's scripts: keeps the xterm.js Terminal the page makes in
#: `window.__bounceTerminal` (the page stores it as `this.terminal`).
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal",
      {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active) window.__bounceTerminal = value;
  },
});
"""

#: The terminal's visible lines as text, or "" before the terminal exists.
SCREEN = """
() => {
  const term = window.__bounceTerminal;
  if (!term) return "";
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
}
"""


#: From a blank page (another origin): try to open the app's websocket.
FOREIGN_SOCKET = """
(url) => new Promise((done) => {
  const socket = new WebSocket(url);
  socket.onopen = () => { socket.close(); done("opened"); };
  socket.onerror = () => done("refused");
})
"""


@dataclass
class Served:
    """A running `bounce serve`: its address, its database and its environment."""

    url: str
    db: Path
    env: dict[str, str]
    process: subprocess.Popen[str]


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The server's first line on stdout (the address), or "" if none came in time."""
    found: list[str] = []
    reader = threading.Thread(
        target=lambda: found.append(process.stdout.readline() if process.stdout else ""),
        daemon=True,
    )
    reader.start()
    reader.join(timeout)
    return found[0] if found else ""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    db = tmp_path / "data" / "bounce.db"
    db.parent.mkdir(mode=0o700)
    env = isolated_env(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "bounce_tui", "--db", str(db), "serve", "--port", "0"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so nothing it starts outlives the test
    )
    try:
        line = _first_line(process, timeout=30)
        assert line.startswith("bounce is open at http://127.0.0.1:"), line
        yield Served(line.split()[4], db, env, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=20)
        with contextlib.suppress(ProcessLookupError):  # anything the server left behind
            os.killpg(process.pid, signal.SIGKILL)


def _wait_for(page, text: str) -> str:  # type: ignore[no-untyped-def]
    """Wait until the terminal shows `text` (the timeout only ends the wait); the screen."""
    page.wait_for_function(f"() => ({SCREEN})().includes({json.dumps(text)})", timeout=20_000)
    return page.evaluate(SCREEN)


def test_check_in_through_the_page_and_find_it_in_the_database(served: Served) -> None:
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox"] if os.geteuid() == 0 else [],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("request", lambda request: requested.append(request.url))
            page.add_init_script(CATCH_TERMINAL)
            page.goto(served.url)
            main = _wait_for(page, "No check-in yet")
            assert "Mourning timers" in main
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("c")
            _wait_for(page, "Check in")
            page.keyboard.press("4")  # good
            page.keyboard.press("Tab")  # to the energy
            page.keyboard.press("Tab")  # to the note
            page.keyboard.type("walked by the river")
            _wait_for(page, "walked by the river")
            page.keyboard.press("Control+s")
            _wait_for(page, "Today: good")
            # A page that is not bounce's own cannot open the app through the websocket.
            other = browser.new_page()
            assert other.evaluate(FOREIGN_SOCKET, served.url.replace("http:", "ws:") + "ws") == (
                "refused"
            )
            # ctrl+c stops the server with the page open: the page says bounce has closed.
            served.process.send_signal(signal.SIGINT)
            page.wait_for_function(
                "() => document.body.classList.contains('-closed')", timeout=20_000
            )
            out, err = served.process.communicate(timeout=20)
            assert served.process.returncode == 0, (out, err)
            assert "Traceback" not in out + err and err == "", (out, err)
        finally:
            browser.close()

    status = subprocess.run(
        [sys.executable, "-m", "bounce_tui", "--db", str(served.db), "status", "--json"],
        env=served.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 0, status
    summary = json.loads(status.stdout)
    assert summary["checked_in_today"] is True
    assert summary["today_mood"] == 4
    listed = subprocess.run(
        [sys.executable, "-m", "bounce_tui", "--db", str(served.db), "checkins"],
        env=served.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "good (4)" in listed.stdout and "walked by the river" in listed.stdout, listed
    # The page, its script, its styles and fonts, the websocket: nothing from another site.
    assert requested, "the browser made no request"
    origin = served.url.rstrip("/")
    assert [url for url in requested if not url.startswith(origin)] == []
