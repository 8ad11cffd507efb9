"""Quick versions of tests/stress/kill_writes.py and kill_migrate_backup.py (items 1 and 2)."""

from __future__ import annotations

import random

from tests.stress import kill_migrate_backup, kill_writes


def test_sigkill_during_check_ins_loses_no_acknowledged_row() -> None:
    figures = kill_writes.run(runs=4, seed=11, max_delay=0.4)
    assert figures["acknowledged rows"] > 0, figures.values
    assert figures["acknowledged rows lost"] == 0, figures.values
    assert figures["_integrity_ok"] == 4, figures.values
    assert figures["_opened_ok"] == 4, figures.values


def test_sigkill_during_a_migration_leaves_a_whole_version() -> None:
    figures = kill_migrate_backup.migration_runs(4, random.Random(12), lessons=4000)
    assert figures["_bad"] == 0, figures.values


def test_sigkill_during_a_backup_leaves_no_partial_backup_under_its_name() -> None:
    figures = kill_migrate_backup.backup_runs(4, random.Random(13), lessons=4000)
    assert figures["live file changed (sha256)"] == 0, figures.values
    assert figures["_bad"] == 0, figures.values


def test_sigkill_during_a_sync_loses_nothing_and_the_next_sync_finishes_it() -> None:
    from tests.stress import kill_sync

    figures = kill_sync.run(runs=4, seed=14, max_delay=0.3, checkins=800)
    assert figures["check-ins made"] == 4, figures.values
    assert figures["_lost"] == 0, figures.values
    assert figures["_temp"] == 0, figures.values
