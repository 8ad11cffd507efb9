"""Quick entries never import Textual (the CLI must start fast and work without a terminal),
nor `cryptography`, which only a sync with a passphrase loads."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import partial
from pathlib import Path

from ._support import Bounce, parallel

PROBE = """
import json, sys
{preload}
from bounce_tui.cli import run

code = run(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
crypto = "cryptography" in sys.modules
print(json.dumps({{"code": code, "textual": "textual" in sys.modules, "loaded": loaded[:5],
                  "crypto": crypto}}))
"""

COMMANDS = {
    "checkin": ("checkin", "3", "-n", "no textual"),
    "status": ("status",),
    "status-json": ("status", "--json"),
}


def _probe(
    bounce: Bounce, args: tuple[str, ...], preload: str = "", env: dict[str, str] | None = None
) -> dict:
    code = PROBE.format(preload=preload)
    proc = subprocess.run(
        [sys.executable, "-c", code, "--db", str(bounce.db), *args],
        cwd=bounce.root,
        env={**bounce.env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc
    assert proc.stderr == "", proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_quick_entries_do_not_import_textual(bounce: Bounce) -> None:
    bounce.ok("checkin", "4")  # the database exists, so the probes can run at once
    *found, control = parallel(
        *(partial(_probe, bounce, args) for args in COMMANDS.values()),
        # A control: the same probe does see Textual once the TUI module is loaded.
        partial(_probe, bounce, ("status",), preload="import bounce_tui.app"),
    )
    for name, report in zip(COMMANDS, found, strict=True):
        assert report["code"] == 0, (name, report)
        assert report["textual"] is False, (name, report)
        assert report["loaded"] == [], (name, report)
        assert report["crypto"] is False, (name, report)
    assert bounce.count("checkin") == 2
    assert control["code"] == 0 and control["textual"] is True, control


def test_only_a_sync_with_a_passphrase_loads_cryptography(bounce: Bounce, tmp_path: Path) -> None:
    plain, sealed = tmp_path / "plain", tmp_path / "sealed"
    plain.mkdir()
    sealed.mkdir()
    bounce.ok("checkin", "4")
    for args in (("sync", "init", str(plain)), ("sync",), ("sync", "--status")):
        report = _probe(bounce, args)
        assert report["code"] == 0 and report["crypto"] is False, (args, report)
    # The control: the same probe sees it once a passphrase is in use.
    secret = {"BOUNCE_SYNC_PASSPHRASE": "a passphrase"}
    init = ("sync", "init", str(sealed), "--passphrase")
    assert _probe(bounce, init, env=secret)["crypto"] is True
    assert _probe(bounce, ("sync",))["crypto"] is True
