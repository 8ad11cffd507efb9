"""`bounce --help` ends with one working example for every command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from bounce_tui.cli import build_parser
from bounce_tui.cli.completion import subcommands
from bounce_tui.cli.examples import EXAMPLES

from ._support import Bounce

#: Where an example's own words end and the shell takes over (a redirect, a pipe).
SHELL_OPERATORS = (">", ">>", "|", "&&", ";")


def _words(example: str) -> list[str]:
    """The words `bounce` receives from an example, as the shell would split them."""
    words = shlex.split(example)
    for index, word in enumerate(words):
        if word in SHELL_OPERATORS:
            words = words[:index]
            break
    assert words[0] == "bounce", example
    return words[1:]


def test_every_command_has_an_example_and_every_example_a_command() -> None:
    commands = subcommands(build_parser())
    assert "checkin" in commands and "completion" in commands
    assert set(EXAMPLES) == set(commands), (
        f"no example: {sorted(set(commands) - set(EXAMPLES))}; "
        f"no such command: {sorted(set(EXAMPLES) - set(commands))}"
    )


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_example_runs_its_own_command_and_parses(name: str) -> None:
    args = build_parser().parse_args(_words(EXAMPLES[name]))  # a refusal raises UsageError
    assert args.command == name


def test_help_lists_every_example(bounce: Bounce) -> None:
    shown = bounce.ok("--help", use_db=False).stdout
    assert "examples:" in shown
    for example in EXAMPLES.values():
        assert f"  {example}\n" in shown, example
    # the example block is printed as written, not re-wrapped to the terminal's width
    assert shown.index("examples:") > shown.index("--db PATH")


def test_the_readme_command_table_names_every_command() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `bounce ([a-z]+)", readme, flags=re.M))
    assert named == set(subcommands(build_parser()))
