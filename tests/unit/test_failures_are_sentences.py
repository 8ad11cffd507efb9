"""Odd files and odd input end in one sentence, never an unexpected error."""

from __future__ import annotations

import pytest

from bounce_tui.domain.checklist import parse_reframes, parse_template
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import MAX_ID_REF, clean_id_ref
from bounce_tui.resources import asset_text


def test_a_missing_packaged_file_is_named() -> None:
    with pytest.raises(DomainError, match="the packaged file gone.toml cannot be read"):
        asset_text("gone.toml")


@pytest.mark.parametrize("parse", [parse_template, parse_reframes])
def test_a_too_deep_toml_file_says_so(parse: object) -> None:
    deep = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(DomainError, match="too deeply"):
        parse(deep)  # type: ignore[operator]


@pytest.mark.parametrize("ref", ["a" * 60_000, "a" * (MAX_ID_REF + 1), "abcd\x1b[2J"])
def test_an_absurd_id_reference_is_bad_input(ref: str) -> None:
    with pytest.raises(DomainError, match="an id is at most"):
        clean_id_ref(ref)


def test_a_full_id_is_still_a_reference() -> None:
    full = "0b6f7c1e-9a4d-4c1b-8f2e-3d5a6b7c8d9e"
    assert clean_id_ref(f"  {full.upper()} ") == full
