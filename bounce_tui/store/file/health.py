"""Cheap checks that a database file is whole, made before anything writes to it.

A write into a damaged file can succeed when it touches only healthy pages, and
then the damaged original is gone. So before a file is opened for writing, its
100-byte header is checked against the file format (and the file's size), and,
when the file is small enough for it to be cheap, SQLite's `quick_check` walks
every page. Measured with tests/stress/check_cost.py (SQLite 3.40, warm cache):
about 1 ms per MB, so 64 MiB costs some 70 ms; larger files get the header
check only.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
#: Files up to this size get a full `PRAGMA quick_check` before the first write.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def header_problem(header: bytes, file_size: int) -> str | None:
    """What is wrong with an SQLite header (given the file's size), or None.

    Follows https://www.sqlite.org/fileformat.html section 1.3; only fields that
    SQLite itself relies on are checked, so a healthy file never fails.
    """
    if len(header) < HEADER_SIZE:
        return "the file is shorter than an SQLite header"
    if not header.startswith(SQLITE_MAGIC):
        return "the file does not start with the SQLite signature"
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return f"its page size ({raw_page_size}) is invalid"
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        return "its file format version bytes are invalid"
    if header[21:24] != b"\x40\x20\x20":
        return "its payload fractions are invalid"
    usable = page_size - header[20]
    if usable < 480:
        return "its reserved space per page is invalid"
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    (schema_format,) = struct.unpack(">I", header[44:48])
    if schema_format not in (0, 1, 2, 3, 4):
        return f"its schema format number ({schema_format}) is invalid"
    (encoding,) = struct.unpack(">I", header[56:60])
    if encoding not in (0, 1, 2, 3):
        return f"its text encoding ({encoding}) is invalid"
    if header[72:92] != bytes(20):
        return "its reserved header bytes are not zero"
    if file_size % page_size:
        return f"its size ({file_size} bytes) is not a whole number of {page_size}-byte pages"
    pages_in_file = file_size // page_size
    if page_count and change_counter == valid_for and page_count != pages_in_file:
        if page_count > pages_in_file:
            return f"it should hold {page_count} pages but has only {pages_in_file} (cut short)"
        return f"its header counts {page_count} pages but the file holds {pages_in_file}"
    (first_trunk, free_pages) = struct.unpack(">II", header[32:40])
    pages = max(page_count, pages_in_file)
    if first_trunk > pages or free_pages > pages:
        return "its free-page list points past the end of the file"
    return None


def quick_check(conn: sqlite3.Connection) -> str:
    """'ok', or SQLite's first complaint from `PRAGMA quick_check`."""
    try:
        row = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise
        return str(exc)
    return str(row[0]) if row else "no answer"


def worth_quick_check(path: Path) -> bool:
    """True when the file is small enough for `quick_check` to be cheap."""
    try:
        return path.stat().st_size <= QUICK_CHECK_MAX_BYTES
    except OSError:
        return False
