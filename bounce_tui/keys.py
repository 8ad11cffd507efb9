"""Every key and command of bounce, in one table.

The table generates the key bindings of each screen and pane (`bindings`), the
help screen (`help_sections`), the command palette (`palette_entries`) and the
README's key table (`readme_table`; a test keeps the README equal to it). To add
a key, add a `Key` here and an `action_…` method where its scope says.

Every binding has an id, `<scope>.<name>`, so a person can remap it in the
`[keys]` table of `config.toml` (checked by `domain/config.py` against `key_slots`)
or in the older `keys.toml` in the config folder (see `load_keymap`), for example:

    "main.check_in" = "C"
    "timers.urge" = "x,u"
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from bounce_tui.domain.config import KeySlot

#: The file in the config folder that remaps keys.
KEYMAP_FILE = "keys.toml"


class Key(NamedTuple):
    """One binding: where it applies, its keys, what it does, and how it is explained.

    `keys` uses Textual's key names ("j,down", "question_mark"); `shown` is how
    help and the README write them ("j k ↑ ↓"). A key whose `help` is empty is
    explained by a neighbouring row (its `shown` names it too). `palette` names
    the command in ctrl+p ("area: action", described by `hint`, else by `help`); it
    runs on the screen or pane of its scope, which says `unavailable` when the
    command does not apply there. A row with no `keys` is a palette command only.
    """

    scope: str
    name: str
    keys: str
    action: str
    label: str = ""
    help: str = ""
    shown: str = ""
    footer: bool = True
    display: str | None = None
    priority: bool = False
    palette: str = ""
    hint: str = ""
    unavailable: str = ""
    #: Textual's own binding, listed in help but not bound here.
    builtin: bool = False

    @property
    def id(self) -> str:
        """The binding id a keymap uses."""
        return f"{self.scope}.{self.name}"

    def binding(self) -> Binding:
        """The Textual binding."""
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.footer,
            key_display=self.display,
            priority=self.priority,
            id=self.id,
        )


#: Scope → heading in help and the README, in the order they are shown (scopes may share one).
SCOPES: dict[str, str] = {
    "app": "Anywhere",
    "main": "Main screen",
    "timers": "Mourning timers",
    "lessons": "Lessons",
    "checklist": "Regroup checklist",
    "detail": "A rejection's own screen",
    "browse": "Lessons browser",
    "lesson": "A lesson's own screen",
    "review": "Review and drills",
    "progress": "Progress",
    "history": "Check-in history",
    "form": "Forms",
    "text_box": "Forms",
    "dialog": "Forms",
    "mood": "Forms",
    "confirm": "Forms",
    "repeat": "Forms",
    "versions": "Forms",
    "gone": "Forms",
    "help": "This help",
    "open_failed": "When the database cannot be opened",
}

_NOTE_HIDE = "hide the gentle note for a week"
_NO_TIMER = "There is no timer here to act on: log a rejection with r."
_ENDED = "The highlighted timer has already ended; pick a running one (j k)."
_NOT_REVEALED = "Show the back of a card first."
_NO_NOTE = "There is no note to hide."
_NO_LESSON = "There is no lesson here to open."
_NO_CHECKIN = "Highlight a check-in first (j k)."

#: The marks the screens use, with what they mean (the help screen lists them after the keys).
MARKS: tuple[tuple[str, str], ...] = (
    (
        "↻ 3",
        "in the lessons: a recurring theme; you said these 3 lessons are the same "
        "lesson, and your checklist has one item to practise it",
    ),
)

# fmt: off
KEYS: tuple[Key, ...] = (
    # -- anywhere --------------------------------------------------------------------------
    Key("app", "quit", "q", "quit", "Quit", "quit (everything is already saved)"),
    Key("app", "help", "question_mark", "help", "Help", "this help", shown="? F1", display="?"),
    Key("app", "help_f1", "f1", "help", "Help", footer=False),
    Key("app", "palette", "ctrl+p", "command_palette",
        help="command palette: every action by name, and themes", footer=False, builtin=True),
    Key("app", "focus", "tab", "focus_next", help="next / previous pane", shown="tab shift+tab",
        footer=False, builtin=True),
    # -- the main screen -------------------------------------------------------------------
    Key("main", "check_in", "c", "check_in", "Mood", "check in: how are you, 1 awful … 5 great",
        palette="check-in: add"),
    Key("main", "history", "H", "history", "History",
        "your check-ins day by day: correct, delete or skip a day", footer=False,
        palette="check-in: history"),
    Key("main", "log_rejection", "r", "log_rejection", "Rejection",
        "log a rejection (starts its mourning timer and its regroup checklist)",
        palette="rejection: log"),
    Key("main", "new_rejection", "n", "new_rejection", "New rejection", footer=False),
    Key("main", "search", "slash", "search", "Search",
        "search lessons (cat:interview at:acme filter too)", shown="/", display="/",
        footer=False, palette="lesson: search"),
    Key("main", "review", "v", "review", "Review", "review the lessons that are due",
        palette="lesson: review"),
    Key("main", "progress", "p", "progress", "Progress",
        "progress: mood over time, year in pixels, bounce-back time", footer=False,
        palette="progress: open"),
    Key("main", "hide_note", "z", "hide_note", "Hide note", _NOTE_HIDE,
        palette="note: hide for a week", unavailable=_NO_NOTE),
    Key("main", "interview_drill", "D", "interview_drill", "Interview drill",
        "drill the lessons for tomorrow's interview", footer=False, palette="interview: drill",
        unavailable="No interview in the next day. Add one with i."),
    Key("main", "new_interview", "i", "new_interview", "Interview",
        "note an upcoming interview (its lessons come back the day before)", footer=False,
        palette="interview: add"),
    Key("main", "drill", "", "drill", "Drill", palette="lesson: drill",
        hint="drill lessons by company, stage, category or tag, whatever their schedule"),
    Key("main", "browse", "b", "browse", "Browse",
        "browse every lesson: sort, filter, open one in full", footer=False,
        palette="lesson: browse"),
    Key("main", "undo", "u", "undo", "Undo", "undo the last deletion", footer=False,
        palette="undo"),
    Key("main", "close_welcome", "escape", "close_welcome", "Close welcome",
        "close the first-run welcome (it does not come back)", palette="welcome: close",
        unavailable="The welcome shows only on a first run, before anything is logged."),
    Key("main", "focus_timers", "1", "focus_pane('timers')", "Timers",
        "move to the timers, lessons or checklist pane", shown="1 2 3", footer=False,
        palette="focus: timers", hint="move to the mourning timers pane"),
    Key("main", "focus_lessons", "2", "focus_pane('lessons')", "Lessons", footer=False,
        palette="focus: lessons", hint="move to the lessons pane"),
    Key("main", "focus_checklist", "3", "focus_pane('checklist')", "Checklist", footer=False,
        palette="focus: checklist", hint="move to the regroup checklist pane"),
    # -- the mourning timers pane ----------------------------------------------------------
    Key("timers", "down", "j,down", "cursor_down", "Down", "move in a list (in every pane)",
        shown="j k ↑ ↓", footer=False),
    Key("timers", "up", "k,up", "cursor_up", "Up", footer=False),
    Key("timers", "open", "enter", "open", "Open",
        "open the rejection: its timer, checklist and lessons", footer=False,
        palette="rejection: open", unavailable=_NO_TIMER),
    Key("timers", "extend", "plus", "extend", "Extend",
        "one more day (at most twice, never over 14 days)", shown="+", display="+",
        palette="timer: extend a day",
        unavailable="This timer cannot have another day: it has ended, or had its two."),
    Key("timers", "extend_limit", "plus", "extend_limit", footer=False),
    Key("timers", "move_on", "m", "move_on", "Move on",
        "ready to move on: end it early, with a closing line", palette="timer: move on",
        unavailable=_ENDED),
    Key("timers", "urge", "x", "urge", "Urge",
        "log an urge (checked the inbox again): counted, never judged", palette="urge: log",
        unavailable=_ENDED),
    Key("timers", "next_reframe", "f", "next_reframe", "Next question",
        "next reframing question", footer=False, palette="reframe: next question",
        unavailable="A reframing question shows while a timer runs."),
    Key("timers", "answer", "a", "answer", "Answer",
        "answer the reframing question in a line (kept in the rejection's notes)", footer=False,
        palette="reframe: answer the question",
        unavailable="A reframing question shows while a timer runs."),
    # `o` shows in the footer only away from a running timer, whose keys fill 80 columns.
    Key("timers", "show_done", "o", "show_done", "Done", shown="o"),
    Key("timers", "toggle_done", "o", "toggle_done", "Done",
        "show / hide the finished timers (enter on the “done” line too)", footer=False,
        palette="timer: show or hide the finished ones",
        unavailable="No mourning period has finished yet."),
    Key("timers", "lesson", "L", "lesson", "Lesson",
        "turn the closing line or the feedback noted on it into a lesson", footer=False,
        palette="lesson: from a rejection's closing line or feedback", unavailable=_NO_TIMER),
    Key("timers", "edit", "e", "edit", "Edit", "new / edit / delete rejection", shown="n e d",
        footer=False, palette="rejection: edit", hint="edit the highlighted timer's rejection",
        unavailable=_NO_TIMER),
    Key("timers", "delete", "d", "delete", "Delete", footer=False, palette="rejection: delete",
        hint="delete the highlighted timer's rejection (u undoes it)", unavailable=_NO_TIMER),
    # -- the lessons pane ------------------------------------------------------------------
    Key("lessons", "down", "j,down", "cursor_down", "Down", footer=False),
    Key("lessons", "up", "k,up", "cursor_up", "Up", footer=False),
    Key("lessons", "search", "slash", "search", "Search", display="/"),
    Key("lessons", "close_search", "escape", "close_search", "Clear search", "clear the search",
        shown="escape"),
    Key("lessons", "open", "enter", "open", "Open", "open the lesson in full", footer=False,
        priority=True),
    Key("lessons", "new", "n", "new", "New lesson", "new / edit / delete lesson", shown="n e d",
        palette="lesson: add", hint="keep a lesson for the next interview"),
    Key("lessons", "edit", "e", "edit", "Edit", footer=False),
    Key("lessons", "delete", "d", "delete", "Delete", footer=False),
    # -- the regroup checklist pane --------------------------------------------------------
    Key("checklist", "down", "j,down", "cursor_down", "Down", footer=False),
    Key("checklist", "up", "k,up", "cursor_up", "Up", footer=False),
    Key("checklist", "toggle", "space", "toggle_item", "Toggle",
        "done / not done; on a decision, record your choice"),
    Key("checklist", "choose", "space", "choose", "Choose"),
    Key("checklist", "new", "n", "new", "New item", "new / edit / delete item", shown="n e d",
        palette="item: add", hint="add an item to the checklist shown"),
    Key("checklist", "copy_reply", "y", "copy_reply", "Copy reply",
        "copy the item's reply to send (a thank-you, a follow-up)",
        palette="item: copy reply", unavailable="This item has no reply to copy."),
    Key("checklist", "edit", "e", "edit", "Edit", footer=False),
    Key("checklist", "delete", "d", "delete", "Delete", footer=False),
    Key("checklist", "move_up", "shift+up,K", "move(-1)", "Move up", "move the item up / down",
        shown="K J shift+↑ shift+↓", footer=False),
    Key("checklist", "move_down", "shift+down,J", "move(1)", "Move down", footer=False),
    # -- a rejection's own screen ----------------------------------------------------------
    Key("detail", "back", "escape", "app.pop_screen", "Back", "back to the main screen",
        shown="escape"),
    Key("detail", "edit", "E", "edit", "Edit rejection", "edit / delete this rejection",
        shown="E D"),
    Key("detail", "delete", "D", "delete", "Delete rejection"),
    Key("detail", "lesson", "L", "lesson", "Lesson",
        "turn its closing line or feedback into a lesson", palette="lesson: from this rejection"),
    Key("detail", "undo", "u", "undo", "Undo", "undo the last deletion", footer=False,
        palette="undo"),
    # -- the lessons browser ---------------------------------------------------------------
    Key("browse", "down", "j", "cursor_down", "Down", footer=False),
    Key("browse", "up", "k", "cursor_up", "Up", footer=False),
    Key("browse", "back", "escape", "app.pop_screen", "Back", "back to the main screen",
        shown="escape"),
    Key("browse", "open", "enter", "open", "Open", "open the highlighted lesson in full",
        palette="lesson: open", unavailable=_NO_LESSON),
    Key("browse", "filter", "slash", "filter", "Filter",
        "filter: words, cat:interview, at:acme (as / on the main screen)", shown="/",
        display="/"),
    Key("browse", "sort", "s", "sort", "Sort", "sort by the next column / turn the order",
        shown="s S", palette="browse: sort by the next column"),
    Key("browse", "turn", "S", "turn", "Turn order", footer=False,
        palette="browse: turn the order"),
    Key("browse", "next_page", "right_square_bracket", "page(1)", "Next page",
        "the next / previous page (the first / last with g G)", shown="] [ g G", display="]"),
    Key("browse", "previous_page", "left_square_bracket", "page(-1)", "Previous page",
        display="[", footer=False),
    Key("browse", "first_page", "g", "first_page", "First page", footer=False),
    Key("browse", "last_page", "G", "last_page", "Last page", footer=False),
    Key("browse", "undo", "u", "undo", "Undo", "undo the last deletion", footer=False,
        palette="undo"),
    # -- a lesson's own screen -------------------------------------------------------------
    Key("lesson", "back", "escape", "app.pop_screen", "Back", "back to where you were",
        shown="escape"),
    Key("lesson", "edit", "e", "edit", "Edit", "edit / delete this lesson", shown="e d",
        palette="lesson: edit this one"),
    Key("lesson", "delete", "d", "delete", "Delete", palette="lesson: delete this one",
        hint="delete this lesson (u undoes it)"),
    Key("lesson", "review", "v", "review", "Review",
        "review this card now (a drill when it is not due yet)",
        palette="lesson: review this one"),
    Key("lesson", "rejection", "o", "open_rejection", "Rejection",
        "open the rejection it came from", palette="lesson: open its rejection",
        unavailable="This lesson is not tied to a rejection."),
    # -- review and drills -----------------------------------------------------------------
    Key("review", "reveal", "space", "reveal", "Show back", "show the back of the card",
        shown="space enter", palette="review: show the back",
        unavailable="There is no card front to turn over."),
    Key("review", "reveal_enter", "enter", "reveal", "Show back", footer=False),
    Key("review", "again", "1", "grade(1)", "Again", "grade: again, hard, good, easy",
        shown="1 2 3 4", palette="review: grade again", hint="grade the card: again",
        unavailable=_NOT_REVEALED),
    Key("review", "hard", "2", "grade(2)", "Hard", palette="review: grade hard",
        hint="grade the card: hard", unavailable=_NOT_REVEALED),
    Key("review", "good", "3", "grade(3)", "Good", palette="review: grade good",
        hint="grade the card: good", unavailable=_NOT_REVEALED),
    Key("review", "easy", "4", "grade(4)", "Easy", palette="review: grade easy",
        hint="grade the card: easy", unavailable=_NOT_REVEALED),
    Key("review", "too_early", "1,2,3,4", "too_early", footer=False),
    Key("review", "skip", "s", "skip", "Skip", "leave this card for later (no grade; it stays due)",
        palette="review: leave this card for later", unavailable="There is no card to skip."),
    Key("review", "undo", "u", "undo", "Undo", "take back the last grade",
        palette="review: undo the last grade", unavailable="There is no grade to take back."),
    Key("review", "drill", "d", "drill", "Drill",
        "drill lessons by company, stage, category or tag", palette="lesson: drill",
        unavailable="Finish this round first; then d starts a drill."),
    Key("review", "review_due", "r", "review_due", "Review due",
        "review the lessons that are due now", palette="review: the lessons due now",
        unavailable="Nothing else is due yet."),
    Key("review", "leave", "escape", "leave", "Back", "back to the main screen",
        shown="escape q"),
    Key("review", "leave_q", "q", "leave", "Back", footer=False),
    # -- progress --------------------------------------------------------------------------
    Key("progress", "back", "escape", "app.pop_screen", "Back", "back to the main screen",
        shown="escape"),
    Key("progress", "month", "1", "window(30)", "Month", "the mood chart over 30, 90 or 365 days",
        shown="1 2 3", palette="progress: the last month", hint="the mood chart over 30 days"),
    Key("progress", "quarter", "2", "window(90)", "Quarter", palette="progress: the last quarter",
        hint="the mood chart over 90 days"),
    Key("progress", "year", "3", "window(365)", "Year", palette="progress: the last year",
        hint="the mood chart over 365 days"),
    Key("progress", "shorter", "left_square_bracket", "step(-1)", "Shorter",
        "a shorter / longer range", shown="[ ]", display="[", footer=False),
    Key("progress", "longer", "right_square_bracket", "step(1)", "Longer", display="]",
        footer=False),
    Key("progress", "hide_note", "z", "hide_prompt", "Hide note", _NOTE_HIDE, footer=False,
        palette="note: hide for a week", unavailable=_NO_NOTE),
    # -- check-in history ------------------------------------------------------------------
    Key("history", "down", "j", "cursor_down", "Down", footer=False),
    Key("history", "up", "k", "cursor_up", "Up", footer=False),
    Key("history", "back", "escape", "app.pop_screen", "Back", "back to the main screen",
        shown="escape"),
    Key("history", "edit", "enter", "edit", "Correct", "correct the highlighted check-in",
        priority=True, palette="check-in: correct", unavailable=_NO_CHECKIN),
    Key("history", "delete", "d", "delete", "Delete", "delete it (u undoes it)",
        palette="check-in: delete", unavailable=_NO_CHECKIN),
    Key("history", "skip", "s", "skip", "Skip day",
        "mark the highlighted day as skipped (sick, a holiday, a break): the streak holds",
        palette="check-in: skip a day",
        unavailable="Pick a day with no check-in; that day can be skipped."),
    Key("history", "older", "o", "older", "Older", "show 60 more days, further back",
        palette="check-in: older days"),
    Key("history", "undo", "u", "undo", "Undo", "undo the last deletion", footer=False,
        palette="undo"),
    # -- forms -----------------------------------------------------------------------------
    Key("form", "save", "ctrl+s", "save", "Save", "save (enter in a one-line field too)",
        priority=True),
    Key("dialog", "cancel", "escape", "cancel", "Cancel", "close without saving"),
    Key("text_box", "select_all", "ctrl+a", "select_all", "Select all",
        "select all the text of a lesson, to type over it", footer=False),
    Key("mood", "mood_1", "1", "pick(1)", "mood 1", "pick a mood in the check-in form",
        shown="1 2 3 4 5", footer=False),
    *(Key("mood", f"mood_{n}", str(n), f"pick({n})", f"mood {n}", footer=False)
      for n in range(2, 6)),
    Key("mood", "submit", "enter", "submit", "Save", "on the moods: pick the highlighted one "
        "and save", footer=False),
    Key("confirm", "yes", "y", "answer(True)", "Yes", "answer a question: yes / no",
        shown="y n"),
    Key("confirm", "no", "n", "answer(False)", "No"),
    Key("confirm", "switch", "left,right", "app.focus_next", "Switch button", footer=False),
    Key("repeat", "same", "s", "same", "Same theme",
        "a lesson like an earlier one: the same theme / something different", shown="s d"),
    Key("repeat", "different", "d", "different", "Different"),
    Key("versions", "keep_mine", "m", "keep_mine", "Keep mine",
        "an entry changed in another window while you edited it: keep mine / take theirs",
        shown="m t"),
    Key("versions", "take_theirs", "t", "take_theirs", "Take theirs"),
    Key("gone", "save_as_new", "n", "save_as_new", "Save as new",
        "an entry deleted in another window while you edited it: save as new / discard",
        shown="n d"),
    Key("gone", "discard", "d", "discard", "Discard"),
    # -- this help and the could-not-open screen -------------------------------------------
    Key("help", "close", "escape", "dismiss", "Close", "close it", shown="escape q ? F1"),
    Key("help", "close_q", "q", "dismiss", "Close", footer=False),
    Key("help", "close_question", "question_mark", "dismiss", "Close", footer=False),
    Key("help", "close_f1", "f1", "dismiss", "Close", footer=False),
    Key("open_failed", "restore", "R", "restore", "Restore backup",
        "put the newest good backup in place (the damaged file is kept beside it)"),
    Key("open_failed", "quit", "q", "app.quit", "Quit", "quit"),
)
# fmt: on


def keys_in(scope: str) -> list[Key]:
    """The table's rows of one scope, in order."""
    return [key for key in KEYS if key.scope == scope]


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of one scope, in the table's order (the Footer's order)."""
    return [key.binding() for key in keys_in(scope) if key.keys and not key.builtin]


_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "up": "↑",
    "down": "↓",
}


def key_text(keys: str) -> str:
    """Textual key names as a person writes them: "j,down" → "j ↓"."""
    return " ".join(_NAMES.get(part, part) for part in keys.split(","))


def _shown(key: Key, keymap: Mapping[str, str]) -> str:
    if key.id in keymap:
        return key_text(keymap[key.id])
    return key.shown or key_text(key.keys)


def shown_keys(key_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """How a person types the key `key_id` ("main.check_in" → "c"), remapped ones as remapped."""
    key = next(key for key in KEYS if key.id == key_id)
    return _shown(key, keymap or {})


Section = tuple[str, list[tuple[str, str]]]


def help_sections(keymap: Mapping[str, str] | None = None) -> list[Section]:
    """(heading, [(keys, what they do)]) in the order of SCOPES, remapped keys as remapped."""
    mapped = keymap or {}
    sections: dict[str, list[tuple[str, str]]] = {}
    for scope, title in SCOPES.items():
        rows = sections.setdefault(title, [])
        rows.extend((_shown(key, mapped), key.help) for key in keys_in(scope) if key.help)
    return list(sections.items())


def palette_entries() -> list[Key]:
    """The rows that are commands in the palette."""
    return [key for key in KEYS if key.palette]


def palette_help(key: Key, keymap: Mapping[str, str] | None = None) -> str:
    """What a command does, and its key where it has one: "… (key: c)"."""
    text = key.hint or key.help or key.label
    if not key.keys:
        return text
    keys = key_text((keymap or {}).get(key.id, key.keys))
    return f"{text} (key: {keys})"


def readme_table() -> str:
    """The README's table of keys (defaults), generated from this table."""
    lines = ["| where | key | what it does |", "| --- | --- | --- |"]
    for title, rows in help_sections():
        for shown, text in rows:
            keys = " ".join(f"`{part}`" for part in shown.split())
            lines.append(f"| {title} | {keys} | {text} |")
    return "\n".join(lines) + "\n"


# -- remapping -------------------------------------------------------------------------------

_KEY_NAME = re.compile(r"^[A-Za-z0-9_+\-]+$")


def load_keymap(folder: Path) -> tuple[dict[str, str], list[str]]:
    """The remapped keys in `folder/keys.toml`, and one line per entry that was ignored.

    A missing file is an empty keymap; a file that cannot be read or parsed is
    ignored with one line. Each entry is `"<binding id>" = "<keys>"`, keys being
    Textual key names separated by commas ("x", "ctrl+u", "x,u").
    """
    path = folder / KEYMAP_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path} could not be read ({type(exc).__name__}); default keys are used"]
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"{path} is not valid TOML ({exc}); default keys are used"]
    return check_keymap(data, str(path))


def check_keymap(data: Mapping[str, object], where: str) -> tuple[dict[str, str], list[str]]:
    """Keep the entries that name a known binding and valid keys; say what was ignored."""
    known = {key.id for key in KEYS}
    keymap: dict[str, str] = {}
    ignored: list[str] = []
    for binding_id, value in data.items():
        if binding_id not in known:
            ignored.append(f"{where}: no key is called {binding_id!r}; it was ignored")
            continue
        parts = [part.strip() for part in value.split(",")] if isinstance(value, str) else []
        if not parts or not all(part and _KEY_NAME.match(part) for part in parts):
            ignored.append(f'{where}: {binding_id} needs key names like "x" or "ctrl+u"')
            continue
        keymap[binding_id] = ",".join(parts)
    return keymap, ignored


#: Panes shown inside screens: their keys live beside the screen's own.
_PANES_ON = {"timers": ("main", "detail"), "lessons": ("main", "detail"),
             "checklist": ("main", "detail")}  # fmt: skip


def key_slots(remapped: Mapping[str, str] | None = None) -> dict[str, KeySlot]:
    """Every binding for `domain.config`'s check: where it is active, its keys.

    Keys of "app" work everywhere; a pane's keys live on the screens that show it;
    other scopes share a place with the scopes under the same help heading (the forms).
    `remapped` (keys.toml) stands in for the defaults it changes.
    """
    from bounce_tui.domain.config import KeySlot

    mapped = remapped or {}
    slots: dict[str, KeySlot] = {}
    for key in KEYS:
        places = _PANES_ON.get(key.scope, (key.scope if key.scope in ("main", "detail")
                                           else SCOPES[key.scope],))  # fmt: skip
        where = frozenset({"*"} if key.scope == "app" else places)
        keys = key.keys if key.builtin else mapped.get(key.id, key.keys)
        slots[key.id] = KeySlot(where, keys, key.priority, fixed=key.builtin)
    return slots


def binding_ids(keys: Iterable[Key]) -> list[str]:
    """The ids of these rows."""
    return [key.id for key in keys]


if __name__ == "__main__":  # `python -m bounce_tui.keys` prints the README's table
    print(readme_table(), end="")
