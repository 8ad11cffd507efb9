"""The per-record merge rule of sync: which of two versions of one record stands.

Every synced record carries a stamp (`hlc.Stamp`: when and where its current
version was made) and a history: the stamps of the versions it replaced, newest
first, at most MAX_HISTORY. Merging a remote version R into the local version L:

- the same stamp: the same version, nothing to do;
- L's stamp in R's history: R was made on top of L, so R replaces it;
- R's stamp in L's history: L already replaced R, so L stays;
- otherwise the two were made without seeing each other (concurrent): the higher
  stamp wins everywhere alike, and the losing version is a conflict when its
  content differs from the winner's.

The rule looks only at the two versions, so merging files in any order, or the
same file twice, ends in the same state. A descendant's stamp is always above
its ancestors' (a device's clock moves past every stamp it reads), so the higher
stamp also wins when a history was cut short: the only cost is a conflict noted
that was not one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from bounce_tui.domain.hlc import Stamp

#: How many earlier stamps a record remembers.
MAX_HISTORY = 16


@dataclass(frozen=True)
class Version:
    """One version of a record as sync sees it: its stamp, its history, deleted or not."""

    stamp: Stamp
    history: tuple[Stamp, ...] = ()
    deleted: bool = False


class Outcome(Enum):
    """What merging a remote version does to the local record."""

    SAME = "same"  # the very same version: nothing to do
    APPLY = "apply"  # the remote version replaces the local one
    KEEP = "keep"  # the local version stays


@dataclass(frozen=True)
class Decision:
    """The outcome, whether the versions were concurrent, and the history to keep."""

    outcome: Outcome
    concurrent: bool
    history: tuple[Stamp, ...]


def joined_history(*parts: Iterable[Stamp], without: Stamp | None = None) -> tuple[Stamp, ...]:
    """The stamps of `parts` once each, newest first, at most MAX_HISTORY, `without` left out."""
    found = {stamp for part in parts for stamp in part if stamp != without}
    return tuple(sorted(found, reverse=True)[:MAX_HISTORY])


def next_history(previous: Version | None) -> tuple[Stamp, ...]:
    """The history of a new version made on top of `previous` (None: a new record)."""
    if previous is None:
        return ()
    return joined_history([previous.stamp], previous.history)


def decide(local: Version | None, remote: Version) -> Decision:
    """Merge `remote` into `local` (None: the record is not known here)."""
    if local is None:
        return Decision(Outcome.APPLY, False, joined_history(remote.history))
    if local.stamp == remote.stamp:
        return Decision(Outcome.SAME, False, local.history)
    if local.stamp in remote.history:
        return Decision(Outcome.APPLY, False, joined_history(remote.history, without=remote.stamp))
    if remote.stamp in local.history:
        return Decision(Outcome.KEEP, False, local.history)
    winner, loser = (remote, local) if remote.stamp > local.stamp else (local, remote)
    history = joined_history(winner.history, [loser.stamp], loser.history, without=winner.stamp)
    outcome = Outcome.APPLY if winner is remote else Outcome.KEEP
    return Decision(outcome, True, history)


def is_conflict(decision: Decision, same_content: bool) -> bool:
    """True when a concurrent version lost with content the winner does not have."""
    return decision.concurrent and not same_content
