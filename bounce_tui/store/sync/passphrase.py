"""An optional passphrase for the sync files: a key made from it, files sealed with the key.

The cipher is `cryptography`'s Fernet (AES-128-CBC with an HMAC-SHA256 over the
whole token): a file is opened whole or not at all. The key is made from the
passphrase with scrypt; the folder's `bounce-sync-key.json` holds scrypt's
parameters, its random salt and a check token (a known text sealed with the key),
so each computer that is given the passphrase makes the same key and can tell a
wrong passphrase at once. The passphrase itself is never stored; the key is (in
the database, which is private already), so a sync never asks for it.

`cryptography` is imported only here, and only inside the functions: a sync
without a passphrase, and every other command, never loads it.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from datetime import datetime

from bounce_tui.domain.text import one_line

KEY_KIND = "bounce-sync-key"
KEY_FORMAT = 1
#: What the check token seals: a text nobody types, the same on every computer.
_CHECK_TEXT = b"bounce sync key check, format 1"
#: scrypt's cost for a new key file (about 32 MiB and a tenth of a second).
NEW_N, NEW_R, NEW_P = 2**15, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
#: A key file read from the folder may ask for more work, but not unbounded work.
_MAX_MEMORY = 256 * 1024 * 1024
#: Every Fernet token begins with its version byte 0x80, base64: "gA"; then the time.
SEALED_MARK = b"gAAAAA"


class KeyFileError(Exception):
    """A key file that cannot be used: the reason, in one line."""


class WrongPassphrase(Exception):
    """The passphrase does not make the key the folder's check token was sealed with."""


@dataclass(frozen=True)
class KeyFile:
    """The folder's key file: scrypt's parameters and salt, and the check token."""

    n: int
    r: int
    p: int
    salt: bytes
    check: bytes

    def text(self) -> str:
        """The file's JSON text."""
        data = {
            "kind": KEY_KIND,
            "format": KEY_FORMAT,
            "kdf": {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p,
                    "length": KEY_BYTES, "salt": base64.b64encode(self.salt).decode("ascii")},
            "check": self.check.decode("ascii"),
        }  # fmt: skip
        return json.dumps(data, indent=2) + "\n"


def parse_key_file(raw: bytes) -> KeyFile:
    """A key file's content, checked (KeyFileError says what is wrong)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise KeyFileError("is not JSON") from None
    if not isinstance(data, dict) or data.get("kind") != KEY_KIND:
        raise KeyFileError("is not a bounce key file")
    if data.get("format") != KEY_FORMAT:
        shown = one_line(repr(data.get("format")), 20)
        raise KeyFileError(f"uses key format {shown}; expected 1 (update bounce here)")
    kdf, check = data.get("kdf"), data.get("check")
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt" or kdf.get("length") != KEY_BYTES:
        raise KeyFileError("names no key derivation bounce knows (scrypt, 32 bytes)")
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not all(type(v) is int and v > 0 for v in (n, r, p)):
        raise KeyFileError("has no scrypt parameters")
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if n < 2**14 or n & (n - 1) or r > 32 or p > 16 or 128 * n * r > _MAX_MEMORY:
        raise KeyFileError("asks scrypt for too little or too much work")
    try:
        salt = base64.b64decode(str(kdf.get("salt")), validate=True)
    except (binascii.Error, ValueError):
        salt = b""
    if len(salt) < SALT_BYTES:
        raise KeyFileError("has no salt of at least 16 bytes")
    if not isinstance(check, str) or not check.isascii() or len(check) > 1000:
        raise KeyFileError("has no check token")
    return KeyFile(n, r, p, salt, check.encode("ascii"))


def derive(passphrase: str, key_file: KeyFile) -> str:
    """The Fernet key (urlsafe base64 text) the passphrase makes with this file's salt."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=key_file.salt, length=KEY_BYTES, n=key_file.n, r=key_file.r, p=key_file.p)
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8"))).decode("ascii")


def new_key_file(passphrase: str, now: datetime) -> tuple[KeyFile, str]:
    """A key file for a folder that has none (a fresh random salt) and the key it makes."""
    draft = KeyFile(NEW_N, NEW_R, NEW_P, os.urandom(SALT_BYTES), b"")
    key = derive(passphrase, draft)
    check = seal(key, _CHECK_TEXT, now)
    return KeyFile(draft.n, draft.r, draft.p, draft.salt, check), key


def open_key(passphrase: str, key_file: KeyFile) -> str:
    """The key, when the passphrase opens the file's check token (else WrongPassphrase)."""
    key = derive(passphrase, key_file)
    if not opens(key, key_file):
        raise WrongPassphrase
    return key


def opens(key: str, key_file: KeyFile) -> bool:
    """True when `key` opens the key file's check token."""
    try:
        return unseal(key, key_file.check) == _CHECK_TEXT
    except WrongPassphrase:
        return False


def seal(key: str, data: bytes, now: datetime) -> bytes:
    """`data` sealed with `key`: a Fernet token (ASCII), stamped with `now`."""
    from cryptography.fernet import Fernet

    return Fernet(key.encode("ascii")).encrypt_at_time(data, int(now.timestamp()))


def unseal(key: str, token: bytes) -> bytes:
    """What `token` holds; WrongPassphrase when `key` does not open it (or it was changed)."""
    from cryptography.fernet import Fernet, InvalidToken

    try:
        return Fernet(key.encode("ascii")).decrypt(token)
    except (InvalidToken, ValueError):
        raise WrongPassphrase from None


def is_sealed(head: bytes) -> bool:
    """True when a file's first bytes are a Fernet token's."""
    return head.startswith(SEALED_MARK)


def sealed_size(size: int) -> int:
    """The length of the Fernet token that seals `size` bytes."""
    padded = (size // 16 + 1) * 16
    return 4 * -(-(1 + 8 + 16 + padded + 32) // 3)
