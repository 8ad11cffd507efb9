"""7. A full disk, a read-only data folder, an unwritable HOME and no XDG variables.

    python tests/stress/hostile_env.py [--rounds 5]

Needs root and `mount` (small tmpfs filesystems stand in for the full disk and
the read-only folder: `mount -t tmpfs -o size=...`, then filled, or remounted
read-only). For every case each writing command must fail with one human line
that says nothing was saved, print no traceback, and leave the earlier rows
intact (same counts, integrity_check ok); no half-written export or backup may
be left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    Figures,
    Result,
    cli,
    counts,
    integrity,
    isolated_env,
    new_db,
    workdir,
)

WRITES = (
    ("checkin", "3", "-n", "typed while the disk was full"),
    ("lesson", "a lesson typed while the disk was full"),
    ("reject", "Initech", "--notes", "typed while the disk was full"),
)


def can_mount() -> bool:
    if os.geteuid() != 0:
        return False
    with workdir("mount-probe") as root:
        try:
            with tmpfs(root / "m", "64k"):
                return True
        except (OSError, subprocess.CalledProcessError):
            return False


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill_up(folder: Path) -> None:
    """Write filler files until the filesystem says it is full."""
    for name, chunk in (("filler", 4096), ("filler-2", 64)):
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * chunk)
        except OSError:
            pass
        finally:
            os.close(fd)


def _refused(result: Result, *words: str) -> bool:
    text = result.stderr.lower()
    return (
        result.code == 1
        and result.one_clean_line()
        and "nothing was saved" in text
        and all(w in text for w in words)
    )


def full_disk(root: Path) -> dict[str, int]:
    env = isolated_env(root)
    with tmpfs(root / "small", "2m") as small:
        db = new_db(small / "data" / "bounce.db", checkins=40, lessons=40)
        before = counts(db)
        fill_up(small)
        results = [cli(env, db, *args) for args in WRITES]
        export = cli(env, db, "export", "-o", str(small / "data" / "export.json"))
        copy = cli(env, db, "backup")
        leftovers = [p for p in (small / "data").rglob("*") if ".partial-" in p.name
                     or p.name == "export.json"]  # fmt: skip
        return {
            "writes refused, saying the disk is full": sum(_refused(r, "full") for r in results),
            "writes tried": len(results),
            "export refused, nothing left behind": int(
                export.code == 1 and export.one_clean_line() and not leftovers
            ),  # fmt: skip
            "backup refused, no partial copy left": int(
                copy.code == 1 and copy.one_clean_line() and not leftovers
            ),  # fmt: skip
            "earlier rows intact": int(counts(db) == before and integrity(db) == "ok"),
            "_messages": results[0].stderr.strip(),  # type: ignore[dict-item]
        }


def read_only_folder(root: Path) -> dict[str, int]:
    env = isolated_env(root)
    with tmpfs(root / "ro", "2m") as folder:
        db = new_db(folder / "data" / "bounce.db", checkins=40, lessons=40)
        before = counts(db)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        results = [cli(env, db, *args) for args in WRITES]
        status = cli(env, db, "status")
        return {
            "writes refused, saying it cannot be written": sum(
                _refused(r, "cannot be") for r in results
            ),
            "writes tried": len(results),
            "status still reads": int(status.code == 0 and status.stderr == ""),
            "earlier rows intact": int(counts(db) == before and integrity(db) == "ok"),
            "_messages": results[0].stderr.strip(),  # type: ignore[dict-item]
        }


def unwritable_home(root: Path) -> dict[str, int]:
    env = {k: v for k, v in isolated_env(root).items() if not k.startswith("XDG_")}
    with tmpfs(root / "home-ro", "1m") as home:
        env["HOME"] = str(home)
        subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)
        results = [cli(env, None, *args) for args in WRITES]
        return {
            "writes refused, saying it cannot be written": sum(
                _refused(r, "cannot be") for r in results
            ),
            "writes tried": len(results),
            "_messages": results[0].stderr.strip(),  # type: ignore[dict-item]
        }


def no_xdg(root: Path) -> dict[str, int]:
    env = {k: v for k, v in isolated_env(root).items() if not k.startswith("XDG_")}
    home = Path(env["HOME"])
    results = [cli(env, None, *args) for args in WRITES]
    data = home / ".local" / "share" / "bounce"
    db = data / "bounce.db"
    return {
        "writes saved in ~/.local/share/bounce": sum(
            r.code == 0 and r.stderr == "" for r in results
        ),
        "writes tried": len(results),
        "folder 0700 and file 0600": int(
            db.exists()
            and stat.S_IMODE(data.stat().st_mode) == 0o700
            and stat.S_IMODE(db.stat().st_mode) == 0o600
        ),
    }


CASES = {
    "full disk": full_disk,
    "read-only data folder": read_only_folder,
    "unwritable HOME, no XDG": unwritable_home,
    "no XDG variables": no_xdg,
}


def run(rounds: int) -> Figures:
    figures = Figures(f"hostile environments ({rounds} rounds, tmpfs mounts)")
    if not can_mount():
        figures["skipped"] = "needs root and a working `mount -t tmpfs`"
        figures["_bad"] = 0
        return figures
    bad = 0
    for name, case in CASES.items():
        total: dict[str, int] = {}
        message = ""
        for number in range(rounds):
            with workdir(f"env-{number}") as root:
                outcome = case(root)
            message = str(outcome.pop("_messages", message))
            for key, value in outcome.items():
                total[key] = total.get(key, 0) + value
        tried = total.pop("writes tried")
        parts = []
        for key, value in total.items():
            whole = tried if key.startswith("writes") else rounds
            parts.append(f"{key} {value}/{whole}")
            bad += whole - value
        figures[name] = "; ".join(parts)
        if message:
            figures[f"{name}: message"] = message
    figures["_bad"] = bad
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    run(args.rounds).print()


if __name__ == "__main__":
    main()
