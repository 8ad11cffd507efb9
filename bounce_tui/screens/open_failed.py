"""Shown when the database cannot be opened: the file is left as it was.

When the file is damaged, foreign or from a newer bounce and a good backup
exists beside it, the screen offers to restore that backup (`R`): the current
file is kept aside, byte for byte, and the app opens the restored one.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from bounce_tui.keys import bindings
from bounce_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from bounce_tui.screens.context import ScreenContext


class OpenFailedScreen(Screen[None]):
    """Explains why the database could not be opened and what to do next."""

    DEFAULT_CSS = """
    #open-failed {
        padding: 1 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("open_failed")

    def __init__(
        self, ctx: ScreenContext, path: Path, reason: str, *, restorable: bool = False
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.path = path
        self.reason = reason
        #: Whether a backup may replace this file (damaged, foreign, newer), if one is good.
        self.restorable = restorable
        #: The newest good backup, once found.
        self.backup: Path | None = None
        self._restoring = False

    def compose(self) -> ComposeResult:
        with Vertical(id="open-failed"):
            yield Static(self._message(), id="open-failed-message")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.restorable:
            self._find_backup()

    def _message(self) -> Text:
        message = Text()
        message.append("bounce could not open its database\n\n", style="bold")
        message.append(f"{self.path}\n\n")
        message.append(self.reason + "\n\n")
        message.append("Nothing was changed. ")
        if self.backup is not None:
            taken = _taken(self.backup)
            message.append("A good backup exists", style="bold")
            message.append(f" ({self.backup.name}{taken}). Press R to put it in place: ")
            message.append("the current file is kept beside it, untouched, and entries made ")
            message.append("after the backup are not in it.")
        else:
            message.append("In a terminal, `bounce doctor` checks the file and ")
            message.append("`bounce doctor --restore` puts the newest good backup in place ")
            message.append("(the current file is kept beside it).")
        return message

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.backup is not None and not self._restoring
        return True

    @work(thread=True, exclusive=True, group="doctor")
    def _find_backup(self) -> None:
        from bounce_tui.store.file import doctor

        try:
            found = doctor.newest_good_backup(self.path)
        except Exception:  # noqa: BLE001 - no offer then; the message already says what to do
            return
        if found is not None:
            with suppress(RuntimeError):  # the app stopped meanwhile
                self.app.call_from_thread(self._offer, found)

    def _offer(self, found: Path) -> None:
        if not self.is_attached:
            return  # the app is closing (or the screen left) before the search ended
        self.backup = found
        for message in self.query("#open-failed-message").results(Static):
            message.update(self._message())
        self.refresh_bindings()

    @work
    async def action_restore(self) -> None:
        """Ask, then restore the newest good backup and open it."""
        from bounce_tui.screens.confirm import ConfirmScreen

        source = self.backup
        if source is None:
            return
        question = (
            f"Put the backup {source.name} in place of the database? The current file is "
            "kept beside it, unchanged."
        )
        if await self.app.push_screen_wait(ConfirmScreen(question, confirm_label="Restore")):
            self._restoring = True
            self.refresh_bindings()
            self._restore(source)

    @work(thread=True, exclusive=True, group="doctor")
    def _restore(self, source: Path) -> None:
        from bounce_tui.store.file import doctor

        try:
            aside = doctor.restore(self.path, source, self.ctx.now())
        except Exception as exc:  # noqa: BLE001 - said on screen; the files are as they were
            with suppress(RuntimeError):
                self.app.call_from_thread(self._restore_failed, exc)
            return
        with suppress(RuntimeError):
            self.app.call_from_thread(self._restored, source, aside)

    def _restore_failed(self, exc: BaseException) -> None:
        self._restoring = False
        self.refresh_bindings()
        self.ctx.report_error(exc)

    def _restored(self, source: Path, aside: Path | None) -> None:
        kept = f" The old file is kept as {aside.name}." if aside else ""
        self.notify(f"Restored {source.name}.{kept}", title="Backup restored", markup=False)
        if self.is_current:
            self.app.pop_screen()
        self.ctx.open()


def _taken(path: Path) -> str:
    from bounce_tui.store.file.backup import backup_time

    moment: datetime | None = backup_time(path)
    return f", taken {moment.astimezone():%Y-%m-%d %H:%M}" if moment else ""
