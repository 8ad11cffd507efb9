"""The environment the benchmarks run their children in."""

from __future__ import annotations

import os
from pathlib import Path


def child_env(work: Path) -> dict[str, str]:
    """A private home for the children, with compiled bytecode kept between runs.

    An installed bounce (`pip install .`) has its bytecode compiled at install, as do
    the peers it is timed beside. An editable checkout run under
    PYTHONDONTWRITEBYTECODE would compile every module of its own on every start,
    which no installed copy does: the children keep their bytecode in the run's
    temp folder instead (the first, untimed run writes it).
    """
    env = {**os.environ, "HOME": str(work), "XDG_CONFIG_HOME": str(work / "config"),
           "XDG_DATA_HOME": str(work / "data"), "XDG_STATE_HOME": str(work / "state"),
           "PYTHONPYCACHEPREFIX": str(work / "pycache")}  # fmt: skip
    env.pop("BOUNCE_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
