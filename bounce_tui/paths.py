"""Where bounce keeps its files, and making them private.

Nothing here runs at import time: directories are created, and modes tightened,
only when a function is called, so tests can point everything at a temp dir.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

APP_NAME = "bounce"
DB_FILENAME = "bounce.db"
BACKUP_DIRNAME = "backups"
DIR_MODE = 0o700
FILE_MODE = 0o600


def default_data_dir() -> Path:
    """The per-user data directory (platformdirs), not created."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The per-user config directory, where a `regroup.toml` may override the template."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database file: `--db` first, then `BOUNCE_DB`, then the data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("BOUNCE_DB")
    if env:
        return Path(env).expanduser()
    return default_data_dir() / DB_FILENAME


def missing_chosen_folder(cli_value: str | os.PathLike[str] | None = None) -> Path | None:
    """The folder of a database the person named (`--db`, `BOUNCE_DB`), when it is not there.

    bounce creates only its own data folder. A named path in a folder that does not
    exist is most likely a typo; creating it would open an empty database that looks
    as if every entry were gone. None when the path is fine to use.
    """
    if not cli_value and not os.environ.get("BOUNCE_DB"):
        return None
    path = resolve_db_path(cli_value)
    if path.parent.is_dir() or is_default_location(path):
        return None
    return Path(os.path.abspath(path.parent))  # a relative typo is named in full


def backup_dir(db_path: Path) -> Path:
    """Backups live in a folder beside the database."""
    return db_path.parent / BACKUP_DIRNAME


def ensure_private_dir(path: Path, *, tighten: bool = True) -> Path:
    """Create `path` and any missing parents with mode 0700.

    An existing folder is tightened to 0700 only when `tighten` is true: bounce's
    own folders are, but a folder the person chose for `--db` (their documents,
    a shared /tmp) is theirs and left as it is.
    """
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)
    if tighten and not missing and stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def is_default_location(db_path: Path) -> bool:
    """True when the database sits in bounce's own data folder."""
    try:
        return db_path.parent.resolve() == default_data_dir().resolve()
    except OSError:
        return False


def create_private_file(path: Path) -> None:
    """Make sure `path` exists with mode 0600 before anything else writes to it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    os.close(fd)
    tighten_file(path)


def create_exclusive(path: Path) -> int:
    """A new file at `path` (0600), open for writing; refused if any name is there already.

    `O_EXCL | O_NOFOLLOW`: an existing file or a symlink (dangling or not) at
    `path` raises FileExistsError, so nothing is ever written through a link.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away, never added them
    except OSError:
        os.close(fd)
        raise
    return fd


def tighten_file(path: Path) -> None:
    """Take group and other permissions away from a regular file bounce writes to.

    Owner bits are never added (a 0400 file stays 0400), anything that is not a
    regular file (a device, a FIFO) is never touched, and a file whose mode
    cannot be changed (a read-only medium) is left as it is.
    """
    try:
        info = path.stat()
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        return
    mode = stat.S_IMODE(info.st_mode)
    tight = mode & ~0o077 & ~(stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX)
    if mode != tight:
        with contextlib.suppress(OSError):
            os.chmod(path, tight)


def open_private_for_write(path: Path, *, force: bool) -> int:
    """A new 0600 file at `path`, open for writing (see `create_exclusive`).

    With `force`, whatever name is at `path` (a file, or a symlink: the link
    itself, never its target) is removed first; a directory is refused.
    """
    if force and os.path.lexists(path):
        if os.path.isdir(path) and not os.path.islink(path):
            raise IsADirectoryError(21, "Is a directory", str(path))
        os.unlink(path)
    return create_exclusive(path)
