"""Reading stored times and days: the quick readers agree with the plain rules they replace."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.store.rows import read_day
from bounce_tui.store.stamps import READ_EARLIEST, READ_LATEST, clamp_day, utc_from_text


def plain_day(value: object) -> date:
    found = re.match(r"(\d+)-(\d+)-(\d+)", str(value))
    if found is None:
        raise ValueError(f"Couldn't parse date string: {value!r}")
    year, month, day = (int(part) for part in found.groups())
    return clamp_day(date(year, month, day))


def outcome(read: object, value: object) -> object:
    try:
        return read(value)  # type: ignore[operator]
    except ValueError:
        return ValueError


days_as_text = st.dates().map(lambda d: d.isoformat())
near_days = st.text(alphabet="0123456789-+T: x٣", min_size=8, max_size=12)


@given(st.one_of(days_as_text, near_days, st.text(max_size=12)))
def test_a_stored_day_reads_as_the_plain_rule_reads_it(value: str) -> None:
    assert outcome(read_day, value) == outcome(plain_day, value)


offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@given(st.datetimes(timezones=st.one_of(st.just(timezone.utc), offsets)))
def test_a_stored_time_reads_in_utc_within_the_kept_years(moment: datetime) -> None:
    text = moment.isoformat(timespec="microseconds")
    plain = min(
        max(datetime.fromisoformat(text).astimezone(timezone.utc), READ_EARLIEST), READ_LATEST
    )
    read = utc_from_text(text)
    assert read == plain and read.tzinfo is timezone.utc
