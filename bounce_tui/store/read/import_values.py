"""Reading an imported record's values without the table's validator, when that is certain.

Checking a record (`exchange`) first holds each value to the JSON type of its
column, then runs the table's pydantic validator. For a record as bounce's export
writes it, every field present and each value exactly a plain JSON type (text,
a whole number, a finite float, true or false, a list of texts, an object with
text keys, null where the column allows it; moments and days as the export writes
them), both steps have one known outcome: the value passes, and the validator
returns it unchanged (a moment or a day read from its text, lists and objects
copied). `plain_values` gives that outcome directly, a few times faster; for
anything else it gives None and the record takes the full way. A property test
(tests/store/test_import_values.py) holds the two ways to the same values.
"""

from __future__ import annotations

import functools
import math
import re
import types
import typing
from datetime import date, datetime
from typing import Any

from sqlmodel import SQLModel

#: A moment exactly as exports write it: ISO-8601 in UTC to the microsecond (ASCII digits).
_EXPORTED_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00"
)
#: A calendar day as exports write it.
_EXPORTED_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KINDS = (str, int, float, bool, list, dict, datetime, date)


@functools.cache
def _fields(model: type[SQLModel]) -> tuple[tuple[str, type, bool], ...] | None:
    """Each field of `model` as (name, kind, nullable); None when a kind is not one above."""
    found: list[tuple[str, type, bool]] = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        args = typing.get_args(annotation)
        nullable = typing.get_origin(annotation) in (typing.Union, types.UnionType) and (
            type(None) in args
        )
        if nullable:
            rest = [a for a in args if a is not type(None)]
            if len(rest) != 1:
                return None
            annotation = rest[0]
        kind: Any = typing.get_origin(annotation) or annotation
        if kind is list and typing.get_args(annotation) != (str,):
            return None
        if kind is dict and typing.get_args(annotation)[:1] != (str,):
            return None
        if kind not in _KINDS:
            return None
        found.append((name, kind, nullable))
    return tuple(found)


def _storable(text: str) -> bool:
    """True when `text` can be written as UTF-8 (no lone surrogates)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def plain_values(model: type[SQLModel], raw: dict[str, Any]) -> dict[str, Any] | None:
    """The values the table's validator would give for `raw`, or None when not certain.

    `raw` holds no field the table lacks (the caller refused those already). The
    values given also pass the checks that follow the validator in `exchange`: every
    text can be stored, every moment has a zone, nothing the table needs is null.
    """
    fields = _fields(model)
    if fields is None or len(raw) != len(fields):
        return None
    out: dict[str, Any] = {}
    for name, kind, nullable in fields:
        if name not in raw:
            return None
        value = raw[name]
        found = type(value)
        if value is None:
            if not nullable:
                return None
        elif kind is str:
            if found is not str or not _storable(value):
                return None
        elif kind is int or kind is bool:
            if found is not kind:
                return None
        elif kind is datetime:
            if found is not str or not _EXPORTED_MOMENT.fullmatch(value):
                return None
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return None
        elif kind is float:
            if found is not float or not math.isfinite(value):
                return None
        elif kind is list:
            if found is not list or not all(type(i) is str and _storable(i) for i in value):
                return None
            value = list(value)
        elif kind is dict:
            if found is not dict or not all(type(k) is str and _storable(k) for k in value):
                return None
            if not all(_storable(v) for v in value.values() if type(v) is str):
                return None
            value = dict(value)
        else:  # a day
            if found is not str or not _EXPORTED_DAY.fullmatch(value):
                return None
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return None
        out[name] = value
    return out
