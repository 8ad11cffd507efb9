"""`bounce sync init DIR --passphrase | --no-passphrase`: which key this computer keeps.

The passphrase is asked for on the terminal (twice when the folder has no key
file yet), or read from BOUNCE_SYNC_PASSPHRASE; never from the command line,
where it would stay in the shell's history. Every refusal is one line, exit 2,
with nothing set up: no key file written, nothing stored in the database.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bounce_tui.cli.common import UsageError, shown_path, utc_now

if TYPE_CHECKING:
    from bounce_tui.store.sync.passphrase import KeyFile

#: Where scripts (and the tests) give the passphrase instead of a terminal.
PASSPHRASE_ENV = "BOUNCE_SYNC_PASSPHRASE"
WRONG = "that passphrase does not open the sync folder's files"
NOTHING = "nothing was set up"


@dataclass(frozen=True)
class KeyChoice:
    """What `sync init` does with the key: `key` (setup.KEEP, None: forget, or the key),
    and the key file to write first, when the folder has none yet."""

    key: str | None
    new_file: KeyFile | None = None
    folder_has_key: bool = False


def choose_key(
    args: argparse.Namespace, folder: Path, before: Path | None, keyed: bool
) -> KeyChoice:
    """The key for this init (asking for the passphrase when --passphrase is given).

    `before` is this database's sync folder so far and `keyed` whether it has a key.
    Moved to another folder (or set up for the first time) without either option:
    refused when this computer had a passphrase or the folder's files are encrypted,
    so that no file is ever written in plain where the person expects encryption.
    """
    from bounce_tui.store.sync import passphrase, setup

    if args.passphrase and args.no_passphrase:
        raise UsageError("give --passphrase or --no-passphrase, not both")
    try:
        key_file = setup.read_key_file(folder)
    except passphrase.KeyFileError as exc:
        raise UsageError(
            f"{shown_path(folder / 'bounce-sync-key.json')} {exc}; {NOTHING}"
        ) from None
    has_key = key_file is not None
    if args.no_passphrase:
        return KeyChoice(None, folder_has_key=has_key)
    if not args.passphrase:
        if before != folder and keyed:
            raise UsageError(
                "this computer encrypts its sync files: add --passphrase to encrypt them in "
                f"the new folder too, or --no-passphrase to write them unencrypted; {NOTHING}"
            )
        if before != folder and has_key:
            raise UsageError(
                f"the sync files in {shown_path(folder)} are encrypted: add --passphrase, or "
                f"--no-passphrase to sync this computer's file unencrypted; {NOTHING}"
            )
        return KeyChoice(setup.KEEP, folder_has_key=has_key)
    secret = ask_passphrase(twice=key_file is None)
    if key_file is None:
        new_file, key = passphrase.new_key_file(secret, utc_now())
        return KeyChoice(key, new_file, folder_has_key=True)
    try:
        return KeyChoice(passphrase.open_key(secret, key_file), folder_has_key=True)
    except passphrase.WrongPassphrase:
        raise UsageError(WRONG) from None


def ask_passphrase(*, twice: bool) -> str:
    """The passphrase from BOUNCE_SYNC_PASSPHRASE, else asked on the terminal (not shown)."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value is None:
        if not sys.stdin.isatty():
            raise UsageError(
                f"--passphrase asks for the passphrase on a terminal, and there is none: "
                f"set {PASSPHRASE_ENV} instead; {NOTHING}"
            )
        import getpass

        try:
            value = getpass.getpass("sync passphrase: ")
            if value and twice and getpass.getpass("the same passphrase again: ") != value:
                raise UsageError(f"the two passphrases differ; {NOTHING}")
        except EOFError:
            raise UsageError(f"no passphrase was given; {NOTHING}") from None
    if not value:
        raise UsageError(f"the passphrase is empty; {NOTHING}")
    return value


def write_new_key_file(folder: Path, choice: KeyChoice) -> None:
    """Write the folder's first key file (refused if another computer's appeared meanwhile)."""
    from bounce_tui.store.sync import setup

    if choice.new_file is None:
        return
    try:
        setup.write_key_file(folder, choice.new_file)
    except FileExistsError:
        raise UsageError(
            f"another computer set a passphrase for {shown_path(folder)} just now; "
            f"run the command again to use it; {NOTHING}"
        ) from None
    except OSError as exc:
        raise UsageError(
            f"could not write the key file in {shown_path(folder)}: {exc.strerror}; {NOTHING}"
        ) from None


def said_after(choice: KeyChoice, had_key: bool, folder: Path) -> list[str]:
    """What `sync init` says about encryption once it is set up."""
    from bounce_tui.store.sync import setup

    if choice.key == setup.KEEP:
        return []
    if choice.key is None:
        if not had_key:
            return ["no passphrase was set on this computer; its sync file is not encrypted."]
        lines = ["this computer forgot the passphrase: its sync file is written unencrypted "
                 "from the next sync on."]  # fmt: skip
        if choice.folder_has_key:
            again = f"`bounce sync init {shown_path(folder)} --passphrase`"
            lines.append(f"encrypted files of other computers are skipped until you run {again}.")
        return lines
    if choice.new_file is not None:
        key_path = shown_path(folder / "bounce-sync-key.json")
        return [
            "the sync files are encrypted from the next sync on "
            f"(the passphrase's salt and check are in {key_path}).",
            "give the same passphrase on your other computers: "
            f"`bounce sync init {shown_path(folder)} --passphrase`. "
            "Without it the files cannot be read; your entries stay in each computer's database.",
        ]
    return ["the passphrase opens the folder's files; this computer's sync file is encrypted "
            "with it."]  # fmt: skip
