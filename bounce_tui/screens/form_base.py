"""What every bounce dialog shares: a bordered box with a title, an error line, buttons.

`DialogScreen` is the bare modal box (escape cancels); `FormScreen` adds the inline
error line, Save/Cancel, `ctrl+s` and `enter` to save, and helpers that turn a
`DomainError` into a message next to the field that caused it. `escape` on a form
whose fields were changed asks first ("esc again discards"), so a half-written entry
is never lost to one stray key. The fields scroll inside the box when the terminal is
short, so Save and Cancel stay on screen.

User text is shown through `shown()` (a `Content` of the text with control
characters made visible), never as markup. Inputs pre-filled from stored text show
the visible form too; `FormScreen.text()` gives back the stored original when the
field was left as it was, so editing one field never rewrites the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    Select,
    Static,
    Switch,
    TextArea,
)

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import visible
from bounce_tui.keys import bindings

__all__ = ["DialogScreen", "FormScreen", "FieldError", "shown", "row"]

#: Shown while a save runs (a lock held by another program can make it wait).
SAVING_LINE = "Saving… esc hides this form; the save goes on."
#: Shown on the first `escape` when the form holds changes.
DISCARD_LINE = "Discard what you changed? esc again discards · ctrl+s saves it."
#: Lines the box needs besides its fields: border, error line and buttons with margins.
_CHROME_LINES = 7
_FIELDS_MAX = 18

ResultT = TypeVar("ResultT")
V = TypeVar("V")


def shown(text: str) -> Content:
    """User text as displayable content: literal (no markup), control characters visible."""
    return Content(visible(text))


def row(label: str, widget: Widget, *, row_id: str | None = None) -> Horizontal:
    """One form line: a fixed-width label and the field beside it."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="row", id=row_id)


class FieldError(Exception):
    """A form field failed a rule: which field (widget id) and the sentence to show."""

    def __init__(self, field_id: str, message: str) -> None:
        super().__init__(message)
        self.field_id = field_id
        self.message = message


class DialogScreen(ModalScreen[ResultT], Generic[ResultT]):
    """A modal dialog box with a title; `escape` dismisses it with `cancel_result()`."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
        background: $background 60%;
    }
    DialogScreen #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        border-title-color: $text;
        border-title-style: bold;
        background: $panel;
    }
    DialogScreen #fields {
        height: auto;
        max-height: 18;
        scrollbar-size-vertical: 1;
    }
    DialogScreen .row {
        height: auto;
        margin-top: 1;
        border-left: blank;
    }
    DialogScreen .row:focus-within {
        border-left: thick $accent;
    }
    DialogScreen .field-label {
        width: 14;
        padding-right: 1;
        color: $text-muted;
    }
    DialogScreen .row:focus-within > .field-label {
        color: $text;
        text-style: bold;
    }
    DialogScreen .row > Input, DialogScreen .row > Select, DialogScreen .row > TextArea {
        width: 1fr;
    }
    DialogScreen .message {
        width: 1fr;
        height: auto;
        margin-top: 1;
    }
    DialogScreen #error {
        height: auto;
        margin-top: 1;
        color: $text-error;
    }
    DialogScreen #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    DialogScreen #buttons > Button {
        margin-left: 2;
    }
    DialogScreen #buttons > .hint {
        width: 1fr;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("dialog")

    dialog_title: str = ""
    """The title in the dialog's top border (a fixed string, never user text)."""

    def __init__(self) -> None:
        super().__init__()
        self._finished = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = Content(self.dialog_title)
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        """The content of the box; subclasses yield their widgets here."""
        yield from ()

    def cancel_result(self) -> ResultT:
        """What `escape` returns."""
        raise NotImplementedError

    def finish(self, result: ResultT) -> None:
        """Dismiss once with `result` (a second key press while closing does nothing)."""
        if self._finished:
            return
        self._finished = True
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without a result."""
        self.finish(self.cancel_result())


class FormScreen(DialogScreen[ResultT | None], Generic[ResultT]):
    """A form: fields, an inline error line and Save/Cancel; returns a result or None.

    Subclasses implement `compose_fields()` and `build_result()`; `build_result`
    raises `FieldError` (see `check`) for input that breaks a rule, and the form
    stays open with the message shown and that field focused.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("form")

    save_label: ClassVar[str] = "Save"
    keys_hint: ClassVar[str] = "ctrl+s save · esc cancel"

    def __init__(self) -> None:
        super().__init__()
        self._originals: dict[str, str] = {}
        self._start_values: tuple[object, ...] | None = None
        self._discard_armed = False
        #: Set by `StoreScreen.open_form`: saves a valid entry; the form closes only
        #: when `saved()` is called, and stays open with the entry after `not_saved()`.
        self.submit: Callable[[ResultT], None] | None = None
        self._saving = False

    def compose_body(self) -> ComposeResult:
        fields = VerticalScroll(id="fields")
        fields.can_focus = False
        with fields:
            yield from self.compose_fields()
        yield Static(id="error", markup=False)
        with Horizontal(id="buttons"):
            yield Label(self.keys_hint, classes="hint")
            yield Button(self.save_label, variant="primary", id="save", compact=True)
            yield Button("Cancel", id="cancel", compact=True)

    def compose_fields(self) -> ComposeResult:
        """The form's fields (use `row()` for a labelled line)."""
        yield from ()

    def on_mount(self) -> None:
        # After every on_mount (subclasses may fill fields there) and the first layout.
        self.call_after_refresh(self._remember_start)
        self._fit_fields()

    def on_resize(self) -> None:
        self._fit_fields()

    def _fit_fields(self) -> None:
        """Let the fields scroll in a short terminal so the buttons stay on screen."""
        room = self.app.size.height - _CHROME_LINES
        self.query_one("#fields").styles.max_height = max(3, min(_FIELDS_MAX, room))

    def _field_values(self) -> tuple[object, ...]:
        values: list[object] = []
        for widget in self.query_one("#fields").query("*"):
            if isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, Input | Select | Checkbox | RadioButton | Switch):
                values.append(widget.value)
        return tuple(values)

    def _remember_start(self) -> None:
        if self.is_attached and self._start_values is None:
            self._start_values = self._field_values()

    def changed(self) -> bool:
        """True when any field differs from what the form opened with."""
        if self._start_values is None or not self.is_attached:
            return False
        return self._field_values() != self._start_values

    def build_result(self) -> ResultT:
        """Read and validate the fields; raise FieldError for bad input."""
        raise NotImplementedError

    def cancel_result(self) -> ResultT | None:
        return None

    # -- helpers for subclasses -------------------------------------------------

    def prefill(self, field_id: str, original: str) -> str:
        """Remember the stored text of a field and return what the field should show."""
        self._originals[field_id] = original
        return visible(original)

    def _current(self, field_id: str) -> str:
        widget = self.query_one(f"#{field_id}")
        if isinstance(widget, TextArea):
            return widget.text
        return self.query_one(f"#{field_id}", Input).value

    def unchanged(self, field_id: str) -> bool:
        """True when a pre-filled field still shows its stored text."""
        original = self._originals.get(field_id)
        return original is not None and self._current(field_id) == visible(original)

    def text(self, field_id: str) -> str:
        """The text of an Input or TextArea: the stored original if it was left unchanged."""
        if self.unchanged(field_id):
            return self._originals[field_id]
        return self._current(field_id)

    @staticmethod
    def check(field_id: str, rule: Callable[..., V], *args: object, **kwargs: object) -> V:
        """Apply a domain rule; its DomainError becomes a FieldError for `field_id`."""
        try:
            return rule(*args, **kwargs)
        except DomainError as error:
            raise FieldError(field_id, str(error)) from None

    def show_error(self, message: str, field_id: str | None = None) -> None:
        """Show `message` (may hold user text) in the error line and focus the field."""
        self.query_one("#error", Static).update(shown(message))
        if field_id is not None:
            self.query_one(f"#{field_id}").focus()

    # -- actions and events -----------------------------------------------------

    def action_save(self) -> None:
        """Validate; dismiss with the result, or show what is wrong and stay open."""
        try:
            result = self.build_result()
        except FieldError as problem:
            self.show_error(problem.message, problem.field_id)
        except DomainError as error:
            self.show_error(str(error))
        except Exception as error:  # a bug: never let field text reach a traceback
            self.log.error(f"form failed: {type(error).__name__}")
            self.show_error(f"could not read the form ({type(error).__name__})")
        else:
            if self.submit is None:
                self.finish(result)
            elif not self._saving:
                self._set_saving(True)
                self.show_error(SAVING_LINE)
                self.submit(result)

    def saved(self, result: ResultT) -> None:
        """The entry is in the database: close the form."""
        self._saving = False
        self.finish(result)

    def action_cancel(self) -> None:
        """Close; when fields were changed, the first `escape` asks and the second discards."""
        if self._saving or self._discard_armed or not self.changed():
            super().action_cancel()
            return
        self._discard_armed = True
        self.show_error(DISCARD_LINE)

    def not_saved(self, reason: str) -> None:
        """The entry could not be saved: keep it in the form and say why."""
        self._set_saving(False)
        if self.is_attached:
            reason = reason.rstrip(". ")
            self.show_error(f"Not saved: {reason}. Your entry is still here; ctrl+s tries again.")

    def close_unsaved(self) -> None:
        """Close without saving: the person chose so in a dialog over this form."""
        self._saving = False
        if self.is_active:
            self.finish(None)

    def resume(self) -> None:
        """The save was called off before it began (the person went back): edit again."""
        self._set_saving(False)
        if self.is_attached:
            self.query_one("#error", Static).update("")

    def _set_saving(self, saving: bool) -> None:
        """While a save runs the fields are locked, so nothing typed then goes unsaved."""
        self._saving = saving
        if self.is_attached:
            self.query_one("#fields").disabled = saving
            self.query_one("#save", Button).disabled = saving
            if not saving:
                self.focus_first_field()

    def focus_first_field(self) -> None:
        """Put the cursor in the first field that takes focus."""
        for widget in self.query_one("#fields").query("*"):
            if widget.focusable:
                widget.focus()
                return

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self) -> None:
        # Typing after the question means a later escape asks again.
        if self._discard_armed:
            self._discard_armed = False
            self.query_one("#error", Static).update("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
