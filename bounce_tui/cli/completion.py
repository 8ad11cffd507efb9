"""`bounce completion bash|zsh|fish`: the shell completion script, made from the parser.

The scripts come from `build_parser()` through shtab, so a new command or option is
completed without anyone writing it down twice. Options and arguments that name a
file (metavar FILE or PATH, or an argument called `file`) complete paths; the rest
complete their choices, or nothing. shtab is imported only here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

__all__ = ["SHELLS", "cmd_completion", "completion_script", "subcommands", "walk"]

SHELLS = ("bash", "zsh", "fish")
_PATH_METAVARS = ("FILE", "PATH")


def walk(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every parser in the tree with its command path ("" for the top one), top first."""
    yield "", parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                for path, found in walk(child):
                    yield (f"{name} {path}".strip(), found)


def subcommands(parser: argparse.ArgumentParser) -> list[str]:
    """The command names right under `parser` (checkin, checkins, …)."""
    return [path for path, _ in walk(parser) if path and " " not in path]


def _names_a_file(action: argparse.Action) -> bool:
    return action.metavar in _PATH_METAVARS or (not action.option_strings and action.dest == "file")


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for `shell` (bash, zsh or fish), made from `parser`."""
    import shtab

    for _, found in walk(parser):
        for action in found._actions:
            if _names_a_file(action):
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    return shtab.complete(parser, shell=shell)


def cmd_completion(args: argparse.Namespace) -> int:
    """Print the script for the shell named (the parser has checked it is one of SHELLS)."""
    from bounce_tui.cli.parser import build_parser

    sys.stdout.write(completion_script(build_parser(), args.shell))
    return 0
