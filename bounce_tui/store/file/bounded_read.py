"""Reading a file that another program or person may have made far too large."""

from __future__ import annotations

import os

_CHUNK = 1 << 20


def read_at_most(fd: int, limit: int) -> bytes | None:
    """Up to `limit` bytes from the open file `fd`; None when it holds more (OSError as is)."""
    chunks: list[bytes] = []
    left = limit + 1
    try:  # a file's whole size in one read; then small reads, should it have grown
        first = os.fstat(fd).st_size + 1
    except OSError:
        first = _CHUNK
    while left > 0:
        chunk = os.read(fd, min(left, _CHUNK if chunks else max(first, _CHUNK)))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return None if left <= 0 else b"".join(chunks)
