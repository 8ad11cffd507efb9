"""One example for each command, shown at the end of `bounce --help`.

A plain table of strings (standard library only: `build_parser()` reads it, and
`bounce --version` builds the parser). tests/cli/test_cli_help.py checks that every
command has an example and that each example parses.
"""

from __future__ import annotations

__all__ = ["EXAMPLES", "examples_epilog"]

#: command name -> an example, as a person would type it
EXAMPLES: dict[str, str] = {
    "checkin": 'bounce checkin 2 -n "rough call, slept badly" -t sleep',
    "checkins": 'bounce checkins --since "2w ago"',
    "skip": "bounce skip --on yesterday -n sick",
    "reject": 'bounce reject "Acme" --stage final --on yesterday',
    "lesson": 'bounce lesson "Lead with the outcome, then the how" --rejection last',
    "interview": 'bounce interview Northwind --on "fri 14:00" --stage final',
    "review": "bounce review",
    "status": "bounce status --json",
    "export": 'bounce export --format md --since "4w ago" -o journal.md',
    "import": "bounce import daylio_export.csv --dry-run",
    "sync": "bounce sync init ~/Sync/bounce --name laptop",
    "backup": "bounce backup -o ~/bounce-copy.db",
    "config": "bounce config show",
    "doctor": "bounce doctor",
    "demo": "bounce demo",
    "serve": "bounce serve --port 8080",
    "completion": "bounce completion fish > ~/.config/fish/completions/bounce.fish",
}


def examples_epilog() -> str:
    """The block after the option list: one example per command, in the table's order."""
    lines = ["examples:"]
    lines += [f"  {example}" for example in EXAMPLES.values()]
    lines.append("")
    lines.append("`bounce COMMAND --help` tells more about one command.")
    return "\n".join(lines)
