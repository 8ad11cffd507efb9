"""`bounce completion bash|zsh|fish`: scripts made from the parser that real shells load."""

from __future__ import annotations

import argparse
import shutil
import subprocess

import pytest

from bounce_tui.cli import build_parser
from bounce_tui.cli.completion import SHELLS, completion_script, subcommands, walk

from ._support import BOUNCE_SCRIPT, Bounce


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {
        option
        for _, found in walk(parser)
        for action in found._actions
        for option in action.option_strings
        if option.startswith("--")
    }


@pytest.mark.parametrize("shell", SHELLS)
def test_every_command_and_option_is_in_each_script(shell: str) -> None:
    parser = build_parser()
    script = completion_script(parser, shell)
    missing = [name for name in subcommands(parser) if name not in script]
    assert missing == [], f"{shell}: {missing}"
    # fish names a long option without its dashes: `complete ... -l force`
    written = {o: f"-l {o[2:]}" if shell == "fish" else o for o in _options(parser)}
    assert sorted(o for o, form in written.items() if form not in script) == []


def _needs(shell: str) -> str:
    path = shutil.which(shell)
    if path is None:
        pytest.skip(f"{shell} is not installed, so its completion script cannot be loaded")
    return path


def _shell(bounce: Bounce, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**bounce.env, "BOUNCE": str(BOUNCE_SCRIPT)}
    return subprocess.run(
        argv, cwd=bounce.root, env=env, capture_output=True, text=True, timeout=60
    )


def test_bash_loads_the_script_and_completes_commands(bounce: Bounce) -> None:
    bash = _needs("bash")
    probe = (
        'source <("$BOUNCE" completion bash) && complete -p bounce && '
        "COMP_WORDS=(bounce che); COMP_CWORD=1; COMP_LINE='bounce che'; COMP_POINT=10; "
        '_shtab_bounce bounce che bounce && echo "offered: ${COMPREPLY[*]}"'
    )
    done = _shell(bounce, bash, "-c", probe)
    assert done.returncode == 0 and done.stderr == "", done
    assert "complete -o bashdefault -F _shtab_bounce bounce" in done.stdout
    assert "offered: checkin checkins" in done.stdout


def test_zsh_loads_the_script_after_compinit(bounce: Bounce) -> None:
    zsh = _needs("zsh")
    probe = (
        "autoload -Uz compinit && compinit -u -D && "
        'eval "$("$BOUNCE" completion zsh)" && print -r -- "bound: $_comps[bounce]"'
    )
    done = _shell(bounce, zsh, "-fc", probe)
    assert done.returncode == 0 and done.stderr == "", done
    assert "bound: _shtab_bounce" in done.stdout


def test_fish_offers_both_check_in_commands(bounce: Bounce) -> None:
    fish = _needs("fish")
    probe = (
        '"$BOUNCE" completion fish | source; complete -C "bounce che"; echo ---; '
        'complete -C "bounce export --format "'
    )
    done = _shell(bounce, fish, "--no-config", "-c", probe)
    assert done.returncode == 0 and done.stderr == "", done
    commands, formats = done.stdout.split("---\n")
    offered = [line.split("\t")[0] for line in commands.splitlines()]
    assert offered == ["checkin", "checkins"]
    assert [line.split("\t")[0] for line in formats.splitlines()] == ["json", "csv", "md"]


def test_a_shell_bounce_does_not_know_is_refused_in_one_line(bounce: Bounce) -> None:
    result = bounce.run("completion", "tcsh", use_db=False)
    assert result.returncode == 2, result
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1, result
    assert "invalid choice: 'tcsh'" in result.stderr
    made = bounce.ok("completion", "bash", use_db=False)
    assert "_shtab_bounce" in made.stdout
    assert not (bounce.root / "xdg-data").exists()  # printing a script opens no database
