"""Median times of the quick-entry commands, before (another source tree) and after (this one).

    python tests/benchmarks/cli_quick.py --before /path/to/main-checkout [--runs 15]

Builds a small database (three rejections, five lessons, three check-ins) and one of
100,000 lessons (`scale_data.build_lessons_db`), gives each tree its own copies, and
runs `hyperfine -N --warmup 3 --runs N` on `env PYTHONPATH=TREE python -m bounce_tui
--db COPY …`, before and after in one hyperfine call. Prints medians in ms. Figures,
not pass/fail; not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(HERE))

from tests.benchmarks.scale_data import build_lessons_db  # noqa: E402

COMMANDS = {
    "checkin 3": ["checkin", "3"],
    "skip": ["skip", "--on", "yesterday"],
    "reject": ["reject", "Initech", "--on", "1d ago"],
    "lesson": ["lesson", "Keep a story about a failure ready"],
    "interview": ["interview", "Globex", "--on", "+3d"],
    "status": ["status"],
    "status --json": ["status", "--json"],
    "lesson --search": ["lesson", "--search", "story leadership"],
    "checkins": ["checkins"],
}


def _small(path: Path, env: dict[str, str]) -> None:
    def run(*args: str) -> None:
        cmd = [sys.executable, "-m", "bounce_tui", "--db", str(path), *args]
        subprocess.run(cmd, env=env, check=True, capture_output=True)

    for company, on in (("Northwind", "20d ago"), ("Acme", "5d ago"), ("Globex", "1d ago")):
        run("reject", company, "--on", on)
    for text in ("Prepare two stakeholder stories", "Test the camera early",
                 "Ask about the team", "Breathe before answering", "Bring numbers"):  # fmt: skip
        run("lesson", text, "--rejection", "last")
    for day in ("3d ago", "2d ago", "yesterday"):
        run("checkin", "3", "--on", day)


def _medians_ms(cmds: list[list[str]], env: dict[str, str], runs: int, out: Path) -> list[float]:
    """One hyperfine run over the commands (so each pair is measured under the same load).

    It runs in the work folder: `python -m` puts the current folder first on sys.path,
    which from a source tree would shadow PYTHONPATH.
    """
    subprocess.run(
        ["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", str(out),
         "--style", "none", *(" ".join(_quoted(a) for a in cmd) for cmd in cmds)],
        env=env, check=True, capture_output=True, cwd=out.parent,
    )  # fmt: skip
    return [float(r["median"]) * 1000 for r in json.loads(out.read_text())["results"]]


def _quoted(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'" if any(c in arg for c in " '\"") else arg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True, help="the older source tree")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--work", type=Path, help="folder for the databases (default: a temp)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bounce-cli-bench-"))
    env = dict(os.environ, HOME=str(work / "home"), XDG_CONFIG_HOME=str(work / "config"),
               XDG_DATA_HOME=str(work / "data"), PYTHONPATH=str(HERE))  # fmt: skip
    env.pop("BOUNCE_DB", None)
    sources = {"small": work / "small.db", "100k": work / "big.db"}
    if not sources["small"].exists():
        _small(sources["small"], env)
    if not sources["100k"].exists():
        build_lessons_db(sources["100k"], 100_000)
    trees = {"before": args.before.resolve(), "after": HERE}
    print(f"{'command':<18}" + "".join(f"{s + ' ' + t:>14}" for s in sources for t in trees))
    copies = {}
    for size, source in sources.items():
        for tree in trees:
            copies[size, tree] = work / f"{size}-{tree}.db"
            shutil.copy(source, copies[size, tree])
    for name, command in COMMANDS.items():
        cells = []
        for size in sources:
            cmds = [
                ["env", f"PYTHONPATH={root}", sys.executable, "-m", "bounce_tui",
                 "--db", str(copies[size, tree]), *command]
                for tree, root in trees.items()
            ]  # fmt: skip
            medians = _medians_ms(cmds, env, args.runs, work / "result.json")
            cells += [f"{ms:>14.1f}" for ms in medians]
        print(f"{name:<18}" + "".join(cells), flush=True)


if __name__ == "__main__":
    main()
