"""How quick the quick entries are: `bounce` commands beside `jrnl --version` and `python -c pass`.

Installs jrnl into a throw-away venv in a temp folder (skipped, with a message,
when that fails), prepares a small database (rejections, lessons, check-ins)
and one of 100,000 lessons, then runs every command in ONE hyperfine run
(`-N --warmup 3 --runs 15`) and prints each median with its ratio to jrnl.

    python tests/benchmarks/cli_speed.py [--runs 15] [--lessons 100000]

Needs hyperfine (`apt-get install -y hyperfine`) and an installed `bounce` next
to this Python. Every database and config lives in the temp folder; the
person's own data is never touched. Prints figures only; it passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_env import child_env  # noqa: E402
from tests.benchmarks.scale_data import build_lessons_db  # noqa: E402


def install_jrnl(work: Path) -> str | None:
    """`jrnl` from a fresh venv, or None (with a message) when it cannot be installed."""
    env_dir = work / "jrnl-venv"
    try:
        venv.create(env_dir, with_pip=True)
        subprocess.run([str(env_dir / "bin" / "pip"), "install", "-q", "jrnl"], check=True,
                       capture_output=True, timeout=600)  # fmt: skip
        jrnl = env_dir / "bin" / "jrnl"
        subprocess.run([str(jrnl), "--version"], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        print(f"jrnl could not be installed ({type(error).__name__}); it is left out, "
              "and no ratios to it are printed.")  # fmt: skip
        return None
    return str(jrnl)


def small_db(bounce: str, db: Path, env: dict[str, str]) -> None:
    """A few rejections, lessons and check-ins, entered as a person would."""
    steps = [
        ["reject", "Acme", "--on", "3d ago"],
        ["reject", "Globex", "--on", "yesterday"],
        ["lesson", "Prepare two stories about conflict", "--rejection", "last"],
        ["lesson", "Ask what the team struggles with"],
        ["checkin", "2", "--on", "yesterday"],
        ["checkin", "3", "-n", "tired but okay"],
    ]
    for step in steps:
        subprocess.run([bounce, "--db", str(db), *step], check=True, capture_output=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lessons", type=int, default=100_000)
    args = parser.parse_args()
    if shutil.which("hyperfine") is None:
        sys.exit("hyperfine is needed: apt-get install -y hyperfine")
    bounce = str(Path(sys.executable).parent / "bounce")
    work = Path(tempfile.mkdtemp(prefix="bounce-cli-"))
    try:
        run(bounce, work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(bounce: str, work: Path, args: argparse.Namespace) -> None:
    env = child_env(work)
    jrnl = install_jrnl(work)
    small, big = work / "small.db", work / "big.db"
    small_db(bounce, small, env)
    build_lessons_db(big, args.lessons)
    if jrnl is not None:  # jrnl asks where to keep its journal on the first run
        (work / "config" / "jrnl").mkdir(parents=True, exist_ok=True)
        (work / "config" / "jrnl" / "jrnl.yaml").write_text(
            f"journals:\n  default:\n    journal: {work / 'journal.txt'}\n"
            "editor: ''\nencrypt: false\n"
        )
    b_small = [bounce, "--db", str(small)]
    b_big = [bounce, "--db", str(big)]
    commands: list[tuple[str, list[str]]] = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        *([("jrnl --version", [jrnl, "--version"])] if jrnl else []),
        ("bounce checkin 3", [*b_small, "checkin", "3"]),
        ("bounce status", [*b_small, "status"]),
        ("bounce reject X", [*b_small, "reject", "X"]),
        ("bounce lesson '…' (100k)", [*b_big, "lesson", "Name the trade-off before the fix"]),
        ("bounce lesson --search (100k)", [*b_big, "lesson", "--search", "salary"]),
        ("bounce checkins", [*b_small, "checkins"]),
    ]
    for _label, command in commands:  # every command must work before it is timed
        subprocess.run(command, check=True, capture_output=True, env=env)
    export = work / "hyperfine.json"
    hyperfine = ["hyperfine", "-N", "--warmup", "3", "--runs", str(args.runs), "--style", "none",
                 "--export-json", str(export)]  # fmt: skip
    for label, command in commands:
        hyperfine += ["-n", label, shlex.join(command)]
    subprocess.run(hyperfine, check=True, env=env, stdout=subprocess.DEVNULL)
    results = {r["command"]: r for r in json.loads(export.read_text())["results"]}
    base = results["jrnl --version"]["median"] if jrnl else None
    print(f"hyperfine -N --warmup 3 --runs {args.runs}, one run; medians")
    print(f"{'':32} {'median':>9} {'× jrnl':>7}")
    for label, _command in commands:
        median = results[label]["median"]
        ratio = f"{median / base:6.2f}x" if base else "     —"
        print(f"{label:32} {median * 1000:6.0f} ms {ratio}")


if __name__ == "__main__":
    main()
