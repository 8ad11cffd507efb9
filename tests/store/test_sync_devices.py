"""Three devices with skewed clocks doing random entries and syncs: they end up alike.

A stateful property test: check-ins, edits, deletions, lessons and grades on
three simulated computers (one clock right, one hours ahead, one days behind), and
syncs in any order. After everyone syncs twice: every database holds the same
rows; every check-in version written is in the final state's line of versions or
in some device's conflict list (itself or a later edit of it), unless a deletion
took it; and every grade given to a lesson still there is still there. The same
again with the files sealed with a passphrase's key.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from bounce_tui.store.sync.files import file_name
from bounce_tui.store.sync.passphrase import is_sealed
from tests.conftest import NOW

from .sync_support import Device

OFFSETS = (timedelta(0), timedelta(hours=5), -timedelta(days=2, hours=3))


class ThreeDevices(RuleBasedStateMachine):
    """Three computers sharing one sync folder, each with its own clock."""

    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="bounce-sync-"))
        folder = self.base / "shared"
        folder.mkdir()
        self.real = NOW
        self.devices = [
            Device(self.base, name, folder, NOW + offset)
            for name, offset in zip(("one", "two", "three"), OFFSETS, strict=True)
        ]
        self.count = 0
        self.parent: dict[str, str | None] = {}  # check-in version note -> the one it edited
        self.record_of: dict[str, str] = {}  # version note -> check-in id
        self.deleted_from: dict[str, set[str | None]] = {}  # check-in id -> versions deleted
        self.lessons: set[str] = set()
        self.deleted_lessons: set[str] = set()
        self.reviews: dict[str, str] = {}  # review id -> lesson id

    @initialize()
    def start(self) -> None:
        pass

    def _note(self) -> str:
        self.count += 1
        return f"v{self.count}"

    def _checkins(self, device: Device) -> list[dict[str, object]]:
        return device.rows()["checkin"]

    @rule(seconds=st.integers(1, 3 * 3600))
    def time_passes(self, seconds: int) -> None:
        self.real += timedelta(seconds=seconds)
        for device, offset in zip(self.devices, OFFSETS, strict=True):
            device.clock.set(self.real + offset)

    @rule(who=st.integers(0, 2), mood=st.integers(1, 5))
    def check_in(self, who: int, mood: int) -> None:
        note = self._note()
        found = self.devices[who].store.checkins.check_in(mood, note=note)
        self.parent[note] = None
        self.record_of[note] = found.checkin_id

    @rule(who=st.integers(0, 2), pick=st.integers(0, 50))
    def edit(self, who: int, pick: int) -> None:
        rows = self._checkins(self.devices[who])
        if not rows:
            return
        row = rows[pick % len(rows)]
        note = self._note()
        self.devices[who].store.checkins.edit_checkin(str(row["id"]), note=note)
        self.parent[note] = str(row["note"])
        self.record_of[note] = str(row["id"])

    @rule(first=st.integers(0, 2), second=st.integers(0, 2), pick=st.integers(0, 50))
    def edit_on_two(self, first: int, second: int, pick: int) -> None:
        """The same check-in corrected on two devices before they sync: concurrent versions."""
        rows = [{str(r["id"]): r for r in self._checkins(self.devices[w])} for w in (first, second)]
        shared = sorted(rows[0].keys() & rows[1].keys())
        if not shared:
            return
        record = shared[pick % len(shared)]
        for who, found in zip((first, second), rows, strict=True):
            if who == second and first == second:
                return
            note = self._note()
            self.devices[who].store.checkins.edit_checkin(record, note=note)
            self.parent[note] = str(found[record]["note"])
            self.record_of[note] = record

    @rule(who=st.integers(0, 2), pick=st.integers(0, 50))
    def delete(self, who: int, pick: int) -> None:
        rows = self._checkins(self.devices[who])
        if not rows:
            return
        row = rows[pick % len(rows)]
        self.devices[who].store.checkins.delete_checkin(str(row["id"]))
        self.deleted_from.setdefault(str(row["id"]), set()).add(str(row["note"]))

    @rule(who=st.integers(0, 2))
    def add_lesson(self, who: int) -> None:
        self.lessons.add(self.devices[who].store.lessons.add_lesson(self._note()))

    @rule(who=st.integers(0, 2), pick=st.integers(0, 50), grade=st.integers(1, 4))
    def grade(self, who: int, pick: int, grade: int) -> None:
        device = self.devices[who]
        rows = device.rows()["lesson"]
        if not rows:
            return
        lesson_id = str(rows[pick % len(rows)]["id"])
        device.store.reviews.grade_lesson(lesson_id, grade)
        for review in device.rows()["lesson_review"]:
            self.reviews[str(review["id"])] = str(review["lesson_id"])

    @rule(who=st.integers(0, 2), pick=st.integers(0, 50))
    def delete_lesson(self, who: int, pick: int) -> None:
        device = self.devices[who]
        rows = device.rows()["lesson"]
        if rows:
            lesson_id = str(rows[pick % len(rows)]["id"])
            device.store.lessons.delete_lesson(lesson_id)
            self.deleted_lessons.add(lesson_id)

    @rule(who=st.integers(0, 2))
    def sync(self, who: int) -> None:
        report = self.devices[who].sync()
        assert report.skipped == []
        assert self.devices[who].file_is_made_whole()

    @invariant()
    def nothing_is_pending_after_a_sync(self) -> None:
        pass

    def teardown(self) -> None:
        try:
            self._check_after_everyone_synced()
        finally:
            for device in self.devices:
                device.close()
            shutil.rmtree(self.base, ignore_errors=True)

    def _ancestors(self, note: str | None) -> set[str]:
        found: set[str] = set()
        while note is not None and note not in found:
            found.add(note)
            note = self.parent.get(note)
        return found

    def _check_after_everyone_synced(self) -> None:
        for _ in range(2):
            for device in self.devices:
                device.sync()
        first = self.devices[0].rows()
        for device in self.devices[1:]:
            assert device.rows() == first
        # A version is accounted for when a later edit of it stands, lost a conflict
        # (and is listed), or was deleted: its descendants cover it.
        conflicts = [c for d in self.devices for c in d.conflicts()]
        listed = {c.summary for c in conflicts if not c.deleted}
        lost = set().union(*(self._ancestors(note) for note in listed if note in self.parent))
        # A deletion that lost to a concurrent edit is listed as "(deleted)": the version
        # it deleted (and what came before) is accounted for by it.
        for record in {c.record_id for c in conflicts if c.deleted}:
            for note in self.deleted_from.get(record, set()):
                lost |= self._ancestors(note)
        final = {str(row["id"]): str(row["note"]) for row in first["checkin"]}
        for note, record in self.record_of.items():
            if record in final:
                kept = note in self._ancestors(final[record]) or note in lost
            else:
                deleted = set().union(*(self._ancestors(n) for n in self.deleted_from[record]))
                kept = note in deleted or note in lost
            assert kept, f"version {note} of {record} was lost"
        lessons = {str(row["id"]) for row in first["lesson"]}
        assert self.lessons - self.deleted_lessons <= lessons
        reviews = {str(row["id"]) for row in first["lesson_review"]}
        for review, lesson in self.reviews.items():
            assert review in reviews or lesson in self.deleted_lessons
        for lesson in first["lesson"]:
            graded = [
                r["reviewed_at"] for r in first["lesson_review"] if r["lesson_id"] == lesson["id"]
            ]
            assert lesson["last_review"] == (max(graded) if graded else None)


ThreeDevices.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestThreeDevices = ThreeDevices.TestCase


class ThreeKeyedDevices(ThreeDevices):
    """The same three computers, their files sealed with one passphrase's key."""

    KEY = "q0kPk0Lx3XQKc1Q7qRq0mZbq3m3Yw3n8f3y2s1JcW0s="

    def __init__(self) -> None:
        super().__init__()
        for device in self.devices:
            device.set_key(self.KEY)

    def _check_after_everyone_synced(self) -> None:
        super()._check_after_everyone_synced()
        for device in self.devices:
            assert is_sealed((device.folder / file_name(device.device)).read_bytes())


ThreeKeyedDevices.TestCase.settings = settings(
    max_examples=8,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestThreeKeyedDevices = ThreeKeyedDevices.TestCase
