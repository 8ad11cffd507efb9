"""The settings file's rule: values in, a typed Config out, or one line naming what is wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounce_tui.domain.config import (
    Config,
    ConfigError,
    KeySlot,
    effective,
    normalise_key,
    overlay,
    parse_config,
    week_start_index,
)

GOOD = """# my settings
theme = "nord"
reminder_hour = 20
week_start = "Sun"

[mourning]
final = 5
interview = 3

[keys]
"main.check_in" = "C"
"timers.urge" = "x, ?"
"""

SLOTS = {
    "app.quit": KeySlot(frozenset({"*"}), "q"),
    "main.check_in": KeySlot(frozenset({"main"}), "c"),
    "main.log_rejection": KeySlot(frozenset({"main"}), "r"),
    "timers.urge": KeySlot(frozenset({"main", "detail"}), "x"),
    "timers.edit": KeySlot(frozenset({"main", "detail"}), "e"),
    "timers.extend": KeySlot(frozenset({"main", "detail"}), "plus"),
    "timers.extend_limit": KeySlot(frozenset({"main", "detail"}), "plus"),
    "review.leave_q": KeySlot(frozenset({"review"}), "q"),
    "form.save": KeySlot(frozenset({"Forms"}), "ctrl+s", priority=True),
    "app.palette": KeySlot(frozenset({"*"}), "ctrl+p", fixed=True),
}


def test_a_good_file_gives_typed_settings_and_their_lines() -> None:
    config = parse_config(GOOD, themes={"nord", "textual-dark"}, key_slots=SLOTS)
    assert config.theme == "nord" and config.reminder_hour == 20 and config.week_start == 6
    assert dict(config.mourning) == {"final": 5, "interview": 3}
    assert dict(config.keys) == {"main.check_in": "C", "timers.urge": "x,question_mark"}
    assert config.lines["theme"] == 2 and config.lines["mourning.final"] == 7
    assert config.lines["keys.timers.urge"] == 12
    assert config.as_settings() == {
        "theme": "nord", "reminder_hour": "20", "week_start": "sunday",
        "mourning.final": "5", "mourning.interview": "3",
    }  # fmt: skip


def test_the_commented_template_sets_nothing() -> None:
    from bounce_tui.resources import asset_text

    config = parse_config(asset_text("config.toml"), key_slots=SLOTS, themes={"nord"})
    assert config.as_settings() == {} and dict(config.keys) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theme = 3", "line 1: theme = 3 must be a theme"),
        ('theme = "no such"', 'theme = "no such" must be a theme\'s name'),
        ('theme = "solarized-x"', "is not an installed theme (some are: nord"),
        ('\nreminder_hour = "7pm"', 'line 2: reminder_hour = "7pm" must be a whole hour'),
        ("reminder_hour = 24", "reminder_hour = 24 must be a whole hour from 0 to 23"),
        ("reminder_hour = true", "reminder_hour = true must be"),
        ("reminder_hour = 19.5", "reminder_hour = 19.5 must be"),
        ("week_start = 3", "week_start = 3 must be a day of the week"),
        ('week_start = "someday"', 'week_start = "someday" must be a day'),
        ("[mourning]\nfinal = 20", "line 2: mourning.final = 20 is out of range"),
        (
            "[mourning]\nfinal = 0",
            "mourning.final = 0 is out of range: a mourning period is 1 to 14",
        ),
        ('[mourning]\nfinal = "3"', 'mourning.final = "3" must be a whole number of days'),
        ("mourning.boss = 2", "line 1: mourning.boss = 2 is not a stage"),
        ("mourning = 3", "mourning = 3 must be a table"),
        ("themes = 1", "line 1: themes = 1 is not a setting bounce knows"),
        ("a = [", "line 1: this is not valid TOML"),
        ("x = 1\ny = ", "line 2: this is not valid TOML"),
        ('[keys]\n"main.chek_in" = "C"', 'line 2: keys."main.chek_in" = "C" names no action'),
        ('[keys]\n"main.check_in" = "foo"', 'keys."main.check_in" = "foo" must be key names'),
        ('[keys]\n"main.check_in" = 3', 'keys."main.check_in" = 3 must be key names'),
        ('[keys]\n"main.check_in" = ""', 'keys."main.check_in" = "" must be key names'),
        ('[keys]\n"main.check_in" = "r"', "uses r, which is already main.log_rejection's key"),
        ('[keys]\n"main.check_in" = "q"', "uses q, which is already app.quit's key"),
        ('[keys]\n"main.check_in" = "e"', "uses e, which is already timers.edit's key"),
        ('[keys]\n"app.quit" = "x"', "uses x, which is already timers.urge's key"),
        ('[keys]\n"form.save" = "s"', "needs ctrl+… or a named key"),
        ('[keys]\n"app.palette" = "ctrl+k"', "is Textual's own key and cannot be moved"),
        ('[keys]\n"main.check_in" = "ctrl+p"', "already app.palette's key"),
    ],
)
def test_each_mistake_is_one_line_naming_the_key_value_and_line(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "/home/me/.config/bounce/config.toml", themes={"nord"},
                     key_slots=SLOTS)  # fmt: skip
    message = str(caught.value)
    assert expected in message and "\n" not in message
    assert message.startswith("/home/me/.config/bounce/config.toml line ")


def test_keys_that_are_fine() -> None:
    # Swapping two keys, a key that moves between places that never meet, a shared default kept.
    swap = '[keys]\n"main.check_in" = "r"\n"main.log_rejection" = "c"\n'
    assert dict(parse_config(swap, key_slots=SLOTS).keys) == {
        "main.check_in": "r", "main.log_rejection": "c"}  # fmt: skip
    assert parse_config('[keys]\n"review.leave_q" = "x"', key_slots=SLOTS).keys
    assert parse_config('[keys]\n"timers.extend" = "plus,f2"', key_slots=SLOTS).keys
    assert parse_config('[keys]\n"form.save" = "ctrl+w,f2"', key_slots=SLOTS).keys
    # Without the key table (the command line's reject) only the key names are checked.
    assert parse_config('[keys]\n"anything.at_all" = "C"').keys == {"anything.at_all": "C"}


def test_key_names_are_written_as_textual_names_them() -> None:
    assert normalise_key("?") == "question_mark" and normalise_key("C") == "C"
    assert normalise_key(" Ctrl+U ") == "ctrl+u" and normalise_key("shift+Up") == "shift+up"
    assert normalise_key("ctrl+/") == "ctrl+slash" and normalise_key("f12") == "f12"
    for bad in ("", " ", "foo", "ctrl+", "hyper+hyper+a", "boss+a", "f25", "\x07"):
        assert normalise_key(bad) is None, bad


def test_the_file_wins_then_the_database_then_the_default() -> None:
    config = parse_config('theme = "nord"\n[mourning]\nfinal = 5\n')
    stored = {"theme": "gruvbox", "mourning.final": "2", "mourning.screen": "4",
              "reminder_hour": "8"}  # fmt: skip
    rows = {row.name: row for row in effective(config, stored)}
    assert (rows["theme"].value, rows["theme"].source, rows["theme"].line) == ("nord", "file", 1)
    assert (rows["mourning.final"].value, rows["mourning.final"].source) == ("5", "file")
    assert (rows["mourning.screen"].value, rows["mourning.screen"].source) == ("4", "database")
    assert (rows["reminder_hour"].value, rows["reminder_hour"].source) == ("8", "database")
    assert (rows["week_start"].value, rows["week_start"].source) == ("monday", "default")
    assert (rows["mourning.applied"].value, rows["mourning.applied"].source) == ("1", "default")
    merged = overlay(config, stored)
    assert merged["theme"] == "nord" and merged["mourning.final"] == "5"
    assert merged["mourning.screen"] == "4" and merged["reminder_hour"] == "8"
    assert overlay(None, stored) == stored
    assert [row.source for row in effective(None, stored)].count("file") == 0
    assert week_start_index("sunday") == 6 and week_start_index(None) == 0
    assert week_start_index("someday") == 0


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.dates()
    | st.datetimes()
    | st.times()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
_NAMES = st.sampled_from(["theme", "reminder_hour", "week_start", "mourning", "keys", "x"])
_TABLE_KEYS = st.sampled_from(["final", "screen", "main.check_in", "app.quit", "?"]) | st.text(
    max_size=10
)


def _toml_value(value: object) -> str:
    import json
    from datetime import date, datetime, time

    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value > 0 else "-inf") if abs(
            value) == float("inf") else repr(value)  # fmt: skip
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + pairs + "}"
    return json.dumps(value) if isinstance(value, str) else str(value)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(_NAMES, _VALUES, max_size=4),
    st.dictionaries(_TABLE_KEYS, _VALUES, max_size=4),
    st.sampled_from(["mourning", "keys", "other"]),
)
def test_random_values_give_a_config_or_the_one_line_error(
    top: dict[str, object], table: dict[str, object], table_name: str
) -> None:
    import json

    lines = [f"{name} = {_toml_value(value)}" for name, value in top.items()]
    if table_name not in top:
        lines.append(f"[{table_name}]")
        lines += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in table.items()]
    text = "\n".join(lines) + "\n"
    for kwargs in ({}, {"themes": {"nord"}, "key_slots": SLOTS}):
        try:
            config = parse_config(text, "c.toml", **kwargs)  # type: ignore[arg-type]
        except ConfigError as error:
            message = str(error)
            assert message.startswith("c.toml") and "\n" not in message and len(message) < 400
        else:
            assert isinstance(config, Config)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_gives_a_config_or_the_one_line_error(text: str) -> None:
    try:
        parse_config(text, "c.toml", key_slots=SLOTS)
    except ConfigError as error:
        assert "\n" not in str(error) and str(error).startswith("c.toml")
