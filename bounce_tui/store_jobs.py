"""`StoreJobs`: store work in thread workers, for the app's context (context.py).

`run(job, done, failed=..., writes=...)` runs `job(store)` in a thread and calls
`done` or `failed` back on the event loop; a job given before the store has
opened waits for it. A job that writes is followed by exactly one read of the
main snapshot; a failure is said in one line, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App

if TYPE_CHECKING:
    from bounce_tui.store.repository import Store

T = TypeVar("T")


class StoreJobs:
    """Runs Store jobs in thread workers; the context supplies the store and the reads."""

    app: App[Any]
    _store: Store | None
    _open_error: str | None
    _writes_running: int
    #: Store jobs given before the store opened; each starts once it has.
    _waiting: list[Callable[[Store | None], None]]

    def want_store(self) -> None:
        """Open the store now if it is not open (the context does)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the main snapshot again (the context does)."""
        raise NotImplementedError

    def report_error(self, exc: BaseException) -> None:
        """Say what went wrong in one line (the context does)."""
        raise NotImplementedError

    def run(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None = None,
        *,
        failed: Callable[[BaseException], Any] | None = None,
        writes: bool = True,
    ) -> None:
        """Run `job(store)` in a thread; `done(result)` (or `failed(error)`) on the event loop.

        The error of a failed job is reported in one line. A job that `writes`
        is followed, once it has succeeded, by exactly one read of the snapshot.
        """
        if self._open_error is not None:
            from bounce_tui.store.errors import StoreError

            error = StoreError(f"the database could not be opened: {self._open_error}")
            self.report_error(error)
            if failed is not None:
                self._call_safely(failed, error)
            return
        if writes:
            self._writes_running += 1
        start = partial(self._start_job, job, done, failed, writes)
        if self._store is None:  # it opens now; the job waits for it
            self._waiting.append(start)
            self.want_store()
            return
        start(self._store)

    def _start_job(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None,
        failed: Callable[[BaseException], Any] | None,
        writes: bool,
        store: Store | None,
    ) -> None:
        if store is None:  # the store could not open (already said on screen)
            from bounce_tui.store.errors import StoreError

            error = StoreError("the database could not be opened; nothing was saved")
            if writes:
                self._writes_running -= 1
            if failed is not None:
                self._call_safely(failed, error)
            return
        work = partial(self._job_worker, store, job, done, failed, writes)
        self.app.run_worker(work, thread=True, group="store")

    def _job_worker(
        self,
        store: Store,
        job: Callable[[Store], T],
        done: Callable[[T], Any] | None,
        failed: Callable[[BaseException], Any] | None,
        writes: bool,
    ) -> None:
        try:
            result = job(store)
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Textual
            self.app.call_from_thread(self._job_failed, exc, failed, writes)
            return
        self.app.call_from_thread(self._job_done, result, done, writes)

    def _job_done(self, result: T, done: Callable[[T], Any] | None, writes: bool) -> None:
        if writes:
            self._writes_running -= 1
            self.reload()
        if done is not None:
            self._call_safely(done, result)

    def _job_failed(
        self, exc: BaseException, failed: Callable[[BaseException], Any] | None, writes: bool
    ) -> None:
        if writes:
            self._writes_running -= 1  # a failed write changed nothing: no read follows
        self.report_error(exc)
        if failed is not None:
            self._call_safely(failed, exc)

    def _call_safely(self, callback: Callable[[Any], Any], value: Any) -> None:
        """Run a screen's callback; a bug there is named, never shown as a traceback."""
        try:
            callback(value)
        except Exception as error:  # noqa: BLE001 - its locals may hold the person's text
            self.app.log.error(f"store callback failed: {type(error).__name__}")
            self.app.notify(
                f"Could not show that ({type(error).__name__}).", severity="error", markup=False
            )
