"""The store never imports Textual (faces know Textual; the store does not)."""

from __future__ import annotations

import subprocess
import sys


def test_store_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import bounce_tui.store.repository, bounce_tui.store.read.exchange\n"
        "import bounce_tui.store.file.doctor\n"
        "import bounce_tui.store.read.export_text, bounce_tui.store.read.status\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
