"""`bounce import` refuses hostile records and hostile files in one line, writing nothing.

The records come from tests/fixtures/hostile_exports.py (one field of a valid
export changed each). The files (a FIFO, a link to /dev/zero, a device, a folder)
run in a child with a timeout and a memory cap, so a regression fails instead of
hanging or filling the memory.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.hostile_exports import HOSTILE, hostile, rich_export

from ._support import MODULE_CMD, Bounce, Result, run_many, tree


def _now() -> datetime:
    return datetime.now(timezone.utc)


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid export with a row in every table, made now (the CLI reads the real clock)."""
    return rich_export(tmp_path_factory.mktemp("rich") / "rich.db", _now)


@pytest.fixture(scope="module")
def refusals(
    tmp_path_factory: pytest.TempPathFactory, valid: dict[str, Any]
) -> dict[str, tuple[Bounce, dict[str, str], Result]]:
    """Each hostile file imported into a database holding the valid export, all in one child."""
    seed = Bounce(tmp_path_factory.mktemp("seed"))
    source = seed.root / "valid.json"
    source.write_text(json.dumps(valid), encoding="utf-8")
    seed.ok("import", source)
    runs: list[tuple[Bounce, tuple[str, ...]]] = []
    befores: list[dict[str, str]] = []
    for name in HOSTILE:
        bounce = Bounce(tmp_path_factory.mktemp(f"hostile-{name[:20]}"))
        bounce.install(seed.db)
        data = hostile(valid, name, _now())
        path = bounce.root / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        runs.append((bounce, ("import", str(path))))
        befores.append(tree(bounce.db.parent))
    results = run_many(runs)
    return {
        name: (bounce, before, result)
        for name, (bounce, _), before, result in zip(HOSTILE, runs, befores, results, strict=True)
    }


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_record_is_refused_in_one_line(
    name: str, refusals: dict[str, tuple[Bounce, dict[str, str], Result]]
) -> None:
    bounce, before, result = refusals[name]
    _, table, field = HOSTILE[name]
    assert result.returncode == 2, result
    assert result.stdout == "" and "Traceback" not in result.stderr, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result
    assert lines[0].startswith("bounce: nothing was imported from "), result
    record = lines[0].split(".json: ", 1)[1]
    assert record.startswith(f"{table} #") and field in record.split(":", 1)[1], result
    assert tree(bounce.db.parent) == before, f"{result}\nthe database changed"


def test_an_accepted_import_twice_adds_nothing_and_doctor_says_all_good(
    bounce: Bounce, valid: dict[str, Any]
) -> None:
    source = bounce.root / "valid.json"
    source.write_text(json.dumps(valid), encoding="utf-8")
    total = sum(len(rows) for rows in valid["records"].values())
    first = bounce.ok("import", source)
    assert f"{total} added, 0 updated, 0 already here" in first.stdout, first
    counts = bounce.counts()
    second = bounce.ok("import", source)
    assert f"0 added, 0 updated, {total} already here" in second.stdout, second
    assert bounce.counts() == counts
    assert bounce.ok("doctor").stdout.splitlines()[-1] == "all good"


def test_many_refused_records_are_listed_ten_then_counted(
    bounce: Bounce, valid: dict[str, Any]
) -> None:
    data = copy.deepcopy(valid)
    row = data["records"]["checkin"][0]
    data["records"]["checkin"] = [
        {**row, "id": f"00000000-0000-4000-8000-{n:012d}", "mood": True} for n in range(14)
    ]
    source = bounce.root / "many.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = bounce.run("import", source)
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and not bounce.db.exists(), result
    assert lines[0].endswith("14 records break the rules"), result
    assert len(lines) == 12 and all(line.startswith("  checkin #") for line in lines[1:11])
    assert lines[11:] == ["  and 4 more"], result


# -- files that are not export files ------------------------------------------------------

_MEMORY_CAP = 1 << 30  # 1 GiB: a read without bound fails fast instead of filling memory


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_CAP, _MEMORY_CAP))


def _import(bounce: Bounce, path: Path) -> subprocess.CompletedProcess[str]:
    """`bounce import PATH` in a child that must answer within 30 s under 1 GiB."""
    return subprocess.run(
        [*MODULE_CMD, "--db", str(bounce.db), "import", os.fspath(path)],
        cwd=bounce.root,
        env=bounce.env,
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_cap_memory,
    )


def _fifo(root: Path) -> Path:
    path = root / "export.json"
    os.mkfifo(path)
    return path


def _link_to_dev_zero(root: Path) -> Path:
    path = root / "export.json"
    path.symlink_to("/dev/zero")
    return path


def _folder(root: Path) -> Path:
    path = root / "export.json"
    path.mkdir()
    return path


FILES = {
    "fifo": (_fifo, "is not a regular file"),
    "symlink-to-dev-zero": (_link_to_dev_zero, "is not a regular file"),
    "device-dev-null": (lambda _root: Path("/dev/null"), "is not a regular file"),
    "directory": (_folder, "is a directory"),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_file_that_is_not_a_regular_file_is_refused_before_reading(
    name: str, bounce: Bounce
) -> None:
    make, why = FILES[name]
    path = make(bounce.root)
    result = _import(bounce, path)
    assert result.returncode == 2, result
    assert result.stderr == f"bounce: {path} {why} (a device, FIFO or socket)\n" or (
        result.stderr == f"bounce: {path} {why}, not an export file\n"
    ), result
    assert not bounce.db.exists()


def test_a_path_with_control_characters_is_shown_escaped(bounce: Bounce) -> None:
    path = bounce.root / "evil\x1b[2Jname.json"
    path.write_text('{"kind": "something else"}', encoding="utf-8")
    result = _import(bounce, path)
    assert result.returncode == 2, result
    assert "\x1b" not in result.stderr and "evil␛[2Jname.json" in result.stderr, result
