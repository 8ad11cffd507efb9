"""11. Exports: CSV formulas neutralised, Markdown without HTML, JSON exact, no overwrite.

    python tests/stress/exports.py [--examples 500]

Hypothesis fills a database with arbitrary text (plus fixed attacks: `=cmd|...`,
`@SUM`, `+1`, `-1`, tab and CR starts, `<script>`, `<img onerror>`, links,
`javascript:` and autolinks) and checks: no CSV cell starts with a character a
spreadsheet evaluates unless it is neutralised with a leading apostrophe; the
Markdown journal, rendered by markdown-it with raw HTML allowed, holds no HTML
from user text (no tag outside the journal's own, no href, no src); the JSON
export imported into an empty database exports again identically. Then the CLI
is asked to write exports and backups over existing files, without and with
--force.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import re
import stat
import sys
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import Figures, cli, isolated_env, new_db, sha256, workdir  # noqa: E402

ATTACKS = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-1+1", "\t=1", "\r=1", " =1",
           "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
           "<http://evil.example>", "![i](http://evil.example/x.png)", "&lt;b&gt;", "<!-- c -->",
           "`code`", "*em*", "| a | b |", "# h", "1. item", "    indented"]  # fmt: skip
FORMULA = ("=", "+", "-", "@", "\t", "\r")
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em",
                "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "pre", "code"}  # fmt: skip
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)


def fill_texts(store: object, texts: list[str]) -> None:
    from bounce_tui.domain.errors import DomainError

    for text in texts:
        for write in (
            lambda t: store.checkins.check_in(3, note=t, tags=[t[:40]]),  # type: ignore[attr-defined]
            lambda t: store.rejections.log_rejection(t[:200] or "x", role=t[:200], notes=t),  # type: ignore[attr-defined]
            lambda t: store.lessons.add_lesson(t or "x", tags=[t[:40]]),  # type: ignore[attr-defined]
        ):
            with contextlib.suppress(DomainError):
                write(text)


def csv_problems(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [cell for row in rows[1:] for cell in row if cell.startswith(FORMULA)]


def md_problems(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    tags = re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", html)
    found = sorted({f"<{name}>" for name, _ in tags if name.lower() not in ALLOWED_TAGS})
    found += [f"<{name}{attrs}>" for name, attrs in tags if attrs.strip(" /")]
    return found


def json_round_trip(store: object, root: Path) -> bool:
    from bounce_tui.store.repository import Store

    first = store.files.export_data()  # type: ignore[attr-defined]
    other = Store(root / "other" / "bounce.db", now=lambda: NOW, template=lambda: [])
    other.files.import_data(json.loads(json.dumps(first, ensure_ascii=False)))
    second = other.files.export_data()
    other.close()
    return first["records"] == second["records"]


def hypothesis_checks(examples: int) -> Figures:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from bounce_tui.store.repository import Store

    figures = Figures(f"exports of hostile text ({examples} examples)")
    tally = {"csv cells evaluated": 0, "md html from user text": 0, "json not exact": 0}
    first: dict[str, str] = {}
    runs = [0]
    texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(ATTACKS)), min_size=1,
                     max_size=4)  # fmt: skip

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(texts)
    def check(values: list[str]) -> None:
        runs[0] += 1
        with workdir("exports") as root:
            store = Store(root / "bounce.db", now=lambda: NOW, template=lambda: [])
            fill_texts(store, values)
            bad_csv = csv_problems(store.files.export_text("csv"))
            bad_md = md_problems(store.files.export_text("md"))
            exact = json_round_trip(store, root)
            store.close()
        for key, bad in (("csv cells evaluated", bad_csv), ("md html from user text", bad_md),
                         ("json not exact", [] if exact else [repr(values)])):  # fmt: skip
            tally[key] += bool(bad)
            if bad and key not in first:
                first[key] = repr(bad[:3])[:200]

    check()
    figures["databases exported"] = runs[0]
    for key, value in tally.items():
        figures[key] = value if key not in first else f"{value} (first: {first[key]})"
    figures["_bad"] = sum(tally.values())
    return figures


def overwrite_checks() -> Figures:
    figures = Figures("exports and backups over an existing file")
    with workdir("overwrite") as root:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=5, lessons=5)
        bad = 0
        for args in (("export", "--format", "json"), ("export", "--format", "csv"),
                     ("export", "--format", "md"), ("backup",)):  # fmt: skip
            target = root / f"{args[-1]}.out"
            target.write_text("precious")
            before = sha256(target)
            refused = cli(env, db, *args, "-o", str(target))
            kept = sha256(target) == before
            link = root / f"{args[-1]}.link"
            link.symlink_to(root / "nowhere" / "x")
            through_link = cli(env, db, *args, "-o", str(link))
            forced = cli(env, db, *args, "-o", str(target), "--force")
            replaced = sha256(target) != before and stat.S_IMODE(target.stat().st_mode) == 0o600
            ok = (refused.code == 2 and refused.one_clean_line() and kept
                  and through_link.code != 0 and forced.code == 0 and replaced)  # fmt: skip
            figures[" ".join(args)] = (
                f"refused without --force: {refused.code == 2 and kept}; "
                f"dangling symlink refused: {through_link.code != 0}; "
                f"--force replaced it (0600): {forced.code == 0 and replaced}"
            )
            bad += not ok
    figures["_bad"] = bad
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    args = parser.parse_args()
    overwrite_checks().print()
    hypothesis_checks(args.examples).print()


if __name__ == "__main__":
    main()
