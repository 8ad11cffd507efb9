"""`bounce serve`: which address it listens on, what each page runs, whom it answers.

The server itself is stood in for here (it would listen on the network); the real one
runs in tests/e2e/test_browser.py.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bounce_tui
from bounce_tui import web_serve
from bounce_tui.cli import run
from bounce_tui.cli import serve as cli_serve

from ._support import Bounce

LOOPBACK = web_serve.allowed_hosts("127.0.0.1", 8000)


class FakeServer:
    """Records what `bounce serve` would serve instead of listening."""

    made: list[FakeServer] = []

    def __init__(self, command: str, host: str, port: int) -> None:
        self.command, self.host, self.port = command, host, port
        FakeServer.made.append(self)

    def serve(self) -> None:
        pass


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    FakeServer.made = []
    monkeypatch.setattr(web_serve, "LocalServer", FakeServer)
    return FakeServer


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where this test's database would go; its folder exists, the file does not."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder / "bounce.db"


def _serve(db: Path, *args: str) -> int:
    return run(["--db", str(db), "serve", *args])


def test_listens_on_this_computer_only_unless_told(
    db: Path, fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _serve(db) == 0
    (server,) = fake_server.made
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert capsys.readouterr().err == ""
    for loopback in ("localhost", "::1", "127.0.0.2"):
        assert _serve(db, "--host", loopback, "--port", "0") == 0
        assert capsys.readouterr().err == "", loopback
    assert fake_server.made[-1].host == "127.0.0.2"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "my-laptop.local"])
def test_another_address_is_served_with_a_warning(
    db: Path, fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str], host: str
) -> None:
    assert _serve(db, "--host", host) == 0
    assert fake_server.made[-1].host == host
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"bounce: warning: listening on {host}")
    assert "anyone who can reach this address can read and change your entries" in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--port", "70000"], "--port must be from 1 to 65535"),
        (["--port", "-1"], "--port must be from 1 to 65535"),
        (["--port", "eighty"], "invalid int value"),
        (["--host", ""], "--host takes an address"),
        (["--host", "evil.com/x"], "--host takes an address"),
    ],
)
def test_a_wrong_address_is_refused_in_one_line(
    db: Path,
    fake_server: type[FakeServer],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    said: str,
) -> None:
    assert _serve(db, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("bounce: ") and err.count("\n") == 1 and said in err, err
    assert fake_server.made == []


def test_each_page_opens_the_database_this_command_names(
    tmp_path: Path, fake_server: type[FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / 'it\'s a "hunt" $HOME' / "my hunt.db"
    chosen.parent.mkdir(mode=0o700)
    monkeypatch.setenv("BOUNCE_DB", str(chosen))
    assert run(["serve"]) == 0
    words = shlex.split(fake_server.made[-1].command)
    assert words == [sys.executable, "-m", "bounce_tui", "--db", str(chosen)]
    monkeypatch.chdir(tmp_path)
    assert run(["--db", "relative.db", "serve"]) == 0  # --db wins over BOUNCE_DB
    assert shlex.split(fake_server.made[-1].command)[-1] == str(tmp_path / "relative.db")


def test_a_missing_folder_is_refused_before_serving(
    tmp_path: Path, fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _serve(tmp_path / "nowhere" / "bounce.db") == 2
    assert "there is no folder" in capsys.readouterr().err
    assert fake_server.made == []


@given(st.text(st.characters(exclude_characters="\0", exclude_categories=("Cs",)), min_size=1))
def test_the_page_command_quotes_any_path(name: str) -> None:
    path = Path("/tmp") / name.replace("/", "_")
    words = shlex.split(cli_serve.app_command(path))
    assert words[-1] == str(path) and words[:-1] == [sys.executable, "-m", "bounce_tui", "--db"]


def test_without_textual_serve_one_line_says_how_to_install_it(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # `import textual_serve` fails
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.delitem(sys.modules, "bounce_tui.web_serve")
    monkeypatch.delattr(bounce_tui, "web_serve")
    assert _serve(db, "--host", "0.0.0.0") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"bounce: {cli_serve.INSTALL_HINT}\n"
    assert 'pip install "bounce-tui[web]"' in captured.err
    assert not db.exists()


def test_a_port_in_use_is_refused_in_one_line(bounce: Bounce) -> None:
    probe = (
        "import socket, sys\n"
        "from bounce_tui.cli import run\n"
        "taken = socket.socket(); taken.bind(('127.0.0.1', 0)); taken.listen()\n"
        "sys.exit(run(['--db', sys.argv[1], 'serve', '--port', str(taken.getsockname()[1])]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(bounce.db)],
        env=bounce.env,
        cwd=bounce.root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done
    assert done.stdout == "" and done.stderr.count("\n") == 1, done
    assert done.stderr.startswith("bounce: cannot listen on 127.0.0.1 port "), done


# -- whom the server answers ----------------------------------------------------------


def test_loopback_answers_to_loopback_names_only() -> None:
    assert {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"} == LOOPBACK
    assert web_serve.allowed_hosts("0.0.0.0", 8000) is None
    assert web_serve.allowed_hosts("192.168.1.20", 80) == {"192.168.1.20:80"}
    assert web_serve.allowed_hosts("::1", 8000) == LOOPBACK


@pytest.mark.parametrize(
    ("host", "origin", "websocket", "allowed"),
    [
        ("127.0.0.1:8000", None, False, True),  # the page, typed in the address bar
        ("localhost:8000", "http://localhost:8000", True, True),  # its websocket
        ("127.0.0.1:8000", None, True, False),  # a websocket from no page at all
        ("127.0.0.1:8000", "http://evil.example", True, False),  # another site's page
        ("127.0.0.1:8000", "http://localhost:8000", True, False),  # another origin
        ("127.0.0.1:8000", "null", True, False),  # a sandboxed frame or a file
        ("evil.example:8000", None, False, False),  # a name rebound to 127.0.0.1
        ("evil.example:8000", "http://evil.example:8000", True, False),
        ("127.0.0.1:8001", None, False, False),
        (None, None, False, False),
    ],
)
def test_requests_from_other_sites_are_refused(
    host: str | None, origin: str | None, websocket: bool, allowed: bool
) -> None:
    reason = web_serve.refusal(host, origin, LOOPBACK, websocket=websocket)
    assert (reason is None) is allowed, reason


def test_on_every_address_the_websocket_still_needs_its_own_page() -> None:
    assert web_serve.refusal("10.0.0.5:8000", None, None, websocket=False) is None
    assert web_serve.refusal("10.0.0.5:8000", "http://10.0.0.5:8000", None, websocket=True) is None
    assert web_serve.refusal("10.0.0.5:8000", "http://evil.example", None, websocket=True)


def test_the_page_links_nothing_outside_this_server() -> None:
    page = (web_serve.TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert "://" not in page and "//fonts" not in page
    assert "{{ app_websocket_url }}" in page  # the page still names its websocket


def test_textual_serve_still_has_what_the_wrapper_overrides() -> None:
    from textual_serve.server import Server

    overridden = ("_make_app", "_process_messages", "handle_index", "handle_download")
    for name in (*overridden, "on_startup", "on_shutdown"):
        assert callable(getattr(Server, name, None)), name
    assert (Path(web_serve.__file__).parent / "web" / "app_index.html").is_file()
