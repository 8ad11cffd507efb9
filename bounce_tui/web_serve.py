"""The app in a web page: textual-serve's server, kept on this computer.

textual-serve (an optional extra) runs one `bounce` per browser tab and relays its
screen over a websocket. This wrapper changes three things:

- the page: textual-serve's own page loads its font from Google Fonts; ours
  (`web/app_index.html`) uses the font files textual-serve ships, and every
  response says so in a Content-Security-Policy, so the browser fetches nothing
  from another site;
- who may talk to it: a request must name this server in its Host header (a page
  on another site that rebinds its name to 127.0.0.1 is refused), and the
  websocket must come from this server's own page (its Origin header), so a page
  on another site cannot open the app and read or change the entries;
- its output: one line with the address instead of a banner and an access log.

Only `cli_serve.py` imports this module, and only once textual-serve is known to be
installed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

__all__ = ["LOOPBACK_NAMES", "LocalServer", "allowed_hosts", "is_loopback", "refusal", "url_host"]

TEMPLATES = Path(__file__).parent / "web"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARDS = ("0.0.0.0", "::", "")
#: How long open pages get to close their apps when the server stops (seconds).
SHUTDOWN_SECONDS = 3.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this computer can reach."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """The host as a URL writes it (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host headers a request may carry; None when any is fine (bound to all addresses).

    Bound to a loopback address, the server answers to the loopback names only; bound
    to one other address or name, to that one; bound to every address (0.0.0.0), the
    person has said anyone may connect, so the Host is not checked (the websocket's
    Origin still is).
    """
    if host in WILDCARDS:
        return None
    names = {url_host(host.lower())}
    if is_loopback(host):
        names.update(LOOPBACK_NAMES)
    return frozenset(f"{name}:{port}" for name in names)


def refusal(
    host_header: str | None,
    origin: str | None,
    allowed: frozenset[str] | None,
    *,
    websocket: bool,
) -> str | None:
    """Why a request is refused, or None to serve it.

    The Host must be one this server answers to. An Origin, when given, must be this
    same server's page; the websocket (which runs the app) must carry one, as every
    browser sends it.
    """
    host = (host_header or "").lower()
    if not host or (allowed is not None and host not in allowed):
        return "this server answers only to its own address"
    if origin is None:
        return "the app opens only from its own page" if websocket else None
    if origin.lower() != f"http://{host}":
        return "the app opens only from its own page, not from another site"
    return None


def content_policy(host: str) -> str:
    """The Content-Security-Policy for every response: nothing from another site."""
    return (
        "default-src 'self'; "
        f"connect-src 'self' ws://{host}; "
        "script-src 'self' 'unsafe-inline'; "
        "style-src 'self' 'unsafe-inline'; "
        "font-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


class LocalServer(Server):
    """textual-serve's Server with bounce's page, a same-origin guard and a quiet log."""

    def __init__(self, command: str, host: str, port: int) -> None:
        """Serve `command` (one run per page) on `host`:`port` (0: a free port)."""
        super().__init__(command, host=host, port=port, title="bounce", templates_path=TEMPLATES)
        self.allowed: frozenset[str] | None = allowed_hosts(host, port)
        self._open_pages: set[web.WebSocketResponse] = set()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse requests from other sites; say in every answer that nothing is remote."""
        reason = refusal(
            request.headers.get("Host"),
            request.headers.get("Origin"),
            self.allowed,
            websocket=request.path == "/ws",
        )
        if reason is not None:
            return web.Response(status=403, text=f"bounce: {reason}\n")
        response = await handler(request)
        if not response.prepared:
            response.headers["Content-Security-Policy"] = content_policy(request.host)
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: the address is printed once the server listens (see `_serve`)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every open page's websocket, so each page's bounce quits now."""
        await asyncio.gather(*(page.close() for page in list(self._open_pages)))

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
        self._open_pages.add(websocket)
        try:
            await super()._process_messages(websocket, app_service)
        finally:
            self._open_pages.discard(websocket)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with its links on the address the browser used (checked by the guard)."""
        import aiohttp_jinja2

        font_size = request.query.get("fontsize", "16")
        context = {
            "font_size": int(font_size) if font_size.isdigit() else 16,
            "app_websocket_url": f"ws://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """bounce offers no downloads; nothing is served here."""
        raise web.HTTPNotFound()

    def serve(self, debug: bool = False) -> None:
        """Listen until ctrl+c or SIGTERM; an address that cannot be used raises OSError."""
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        runner = web.AppRunner(
            await self._make_app(), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            port = _bound_port(runner, self.port)
            if port != self.port:
                self.port, self.allowed = port, allowed_hosts(self.host, port)
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            shown = "127.0.0.1" if self.host in WILDCARDS else url_host(self.host)
            sys.stdout.write(
                f"bounce is open at http://{shown}:{port}/ in your browser; "
                "ctrl+c stops it (everything is saved as you go)\n"
            )
            sys.stdout.flush()
            await stop.wait()
        finally:
            await runner.cleanup()


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    """The port the server listens on (the one asked for, or the free one picked for 0)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
