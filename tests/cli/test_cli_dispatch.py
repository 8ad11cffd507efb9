"""Every command the parser knows has a handler, and every handler has a command."""

from __future__ import annotations

import argparse
import importlib

from bounce_tui import cli
from bounce_tui.cli.parser import build_parser


def _parser_commands() -> set[str]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_every_command_of_the_parser_has_a_handler_and_no_handler_is_orphaned() -> None:
    assert _parser_commands() == set(cli.COMMANDS)


def test_every_handler_is_a_function_of_its_module() -> None:
    for command, (module_name, function) in cli.COMMANDS.items():
        module = importlib.import_module(f"bounce_tui.cli.{module_name}")
        assert callable(getattr(module, function, None)), command
