"""Exports cut to a day (--since) and what the journal and the timeline now carry."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from bounce_tui.store.repository import Store
from tests.conftest import NOW, Clock

SINCE = date(2026, 3, 1)


@pytest.fixture
def filled(store: Store, clock: Clock) -> Store:
    """An old rejection (February) with a lesson, and a new one (March) with everything."""
    old = store.rejections.log_rejection("OldCo", stage="applied",
                                         received_at=NOW - timedelta(days=30))  # fmt: skip
    store.lessons.add_lesson("Old lesson", rejection_id=old, at=NOW - timedelta(days=29))
    store.checkins.check_in(2, note="February low", tags=["winter"], at=NOW - timedelta(days=28))
    new = store.rejections.log_rejection(
        "Northwind", role="Analyst", contact="Dana Reyes", received_at=NOW - timedelta(days=1)
    )
    period = store.read.mourning_for(new).period_id
    store.mourning.log_urge(period)
    store.mourning.log_urge(period, "looked at their careers page")
    store.mourning.end_mourning(period, "Done with this one; it was not my team")
    store.lessons.add_lesson("Ask about the team first", rejection_id=new, tags=["team"])
    store.lessons.add_lesson("A late thought on OldCo", rejection_id=old)
    store.checkins.check_in(4, note="better", tags=["walk", "friends"])
    return store


def test_json_since_keeps_entries_from_that_day_and_what_they_point_to(filled: Store) -> None:
    everything = json.loads(filled.files.export_text("json"))["records"]
    cut = json.loads(filled.files.export_text("json", SINCE))
    records = cut["records"]
    assert cut["since"] == "2026-03-01"
    assert [c["note"] for c in records["checkin"]] == ["better"]
    texts = {x["text"] for x in records["lesson"]}
    assert texts == {"Ask about the team first", "A late thought on OldCo"}
    # OldCo came in February, but a lesson kept in March points to it: it comes along.
    assert {r["company"] for r in records["rejection"]} == {"Northwind", "OldCo"}
    assert len(records["urge"]) == 2
    assert len(everything["checkin"]) == 2 and len(everything["lesson"]) == 3


def test_csv_since_and_the_company_of_each_lesson(filled: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(filled.files.export_text("csv", SINCE))))
    assert {row["kind"] for row in rows} == {"rejection", "lesson", "checkin"}
    assert [row["company"] for row in rows if row["kind"] == "rejection"] == ["Northwind"]
    lessons = {row["text"]: row["company"] for row in rows if row["kind"] == "lesson"}
    assert lessons == {"Ask about the team first": "Northwind", "A late thought on OldCo": "OldCo"}
    every = list(csv.DictReader(io.StringIO(filled.files.export_text("csv"))))
    assert len(every) == len(rows) + 3  # OldCo, its first lesson and the February check-in


def test_markdown_holds_tags_contact_close_out_and_urges(filled: Store) -> None:
    journal = filled.files.export_text("md")
    assert "contact: Dana Reyes" in journal
    assert "close-out: Done with this one; it was not my team" in journal
    assert "moved on 2026-03-10 10:30" in journal  # Berlin time
    assert "**Urges**" in journal and "looked at their careers page" in journal
    assert "| walk, friends | better |" in journal
    assert "| winter | February low |" in journal
    assert "Old lesson" in journal


def test_markdown_since_leaves_out_what_came_before(filled: Store) -> None:
    journal = filled.files.export_text("md", SINCE)
    assert "From 01 Mar 2026 on." in journal
    assert "### Northwind" in journal and "### OldCo" not in journal
    assert "February low" not in journal and "Old lesson" not in journal
    assert "A late thought on OldCo — after OldCo" in journal


def test_new_fields_stay_text_in_csv_and_markdown(store: Store) -> None:
    rejection = store.rejections.log_rejection(
        '=HYPERLINK("x")', contact="<b>Dana</b> [x](y)", received_at=NOW - timedelta(hours=1)
    )
    period = store.read.mourning_for(rejection).period_id
    store.mourning.log_urge(period, "<script>refresh</script>")
    store.mourning.end_mourning(period, "*done* <i>now</i>")
    store.lessons.add_lesson("Keep calm", rejection_id=rejection)
    store.checkins.check_in(3, tags=["a|b", "<t>"])
    rows = list(csv.DictReader(io.StringIO(store.files.export_text("csv"))))
    [lesson] = [row for row in rows if row["kind"] == "lesson"]
    assert lesson["company"] == '\'=HYPERLINK("x")'
    journal = store.files.export_text("md")
    for raw in ("<b>", "<script>", "<i>", "<t>"):
        assert raw not in journal
    assert "contact: &lt;b&gt;Dana&lt;/b&gt; \\[x\\](y)" in journal
    assert "close-out: \\*done\\* &lt;i&gt;now&lt;/i&gt;" in journal
    assert "a\\|b, &lt;t&gt;" in journal
