"""Checklist items carry a reply to copy, filled in with the rejection's contact and company."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.checklist import MAX_REPLY, fill_in, parse_template
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.snapshot import ItemView
from bounce_tui.resources import regroup_template
from bounce_tui.store.repository import Store
from tests.conftest import Clock
from tests.store.test_checklist_fit import real  # noqa: F401  (the fixture)


def _items(store: Store, rejection_id: str | None) -> dict[str, ItemView]:
    snapshot = store.read.main_snapshot()
    return {i.title: i for i in snapshot.items if i.rejection_id == rejection_id}


def _by_start(items: dict[str, ItemView], start: str) -> ItemView:
    return next(item for title, item in items.items() if title.startswith(start))


def test_the_thank_you_names_the_contact_and_the_company(real: Store) -> None:  # noqa: F811
    rid = real.rejections.log_rejection("Acme", stage="final", channel="email", contact="Dana")
    thanks = _by_start(_items(real, rid), "Reply with a short thank-you")
    assert thanks.reply.startswith("Hi Dana,")
    assert "Acme" in thanks.reply and "{" not in thanks.reply
    keep = _by_start(_items(real, rid), "Keep in touch")
    assert keep.title == "Keep in touch with Dana at Acme and check back"
    assert keep.reply.startswith("Hi Dana,")


def test_without_a_contact_the_words_still_read_well(real: Store) -> None:  # noqa: F811
    rid = real.rejections.log_rejection("Acme", stage="final", channel="call")
    items = _items(real, rid)
    assert _by_start(items, "Reply with").reply.startswith("Hello,")
    assert "Keep in touch with your contact at Acme and check back" in items


def test_a_contact_added_later_shows_in_the_items(real: Store, clock: Clock) -> None:  # noqa: F811
    rid = real.rejections.log_rejection("Acme", stage="interview", channel="email")
    view = next(r for r in real.read.main_snapshot().rejections if r.rejection_id == rid)
    real.rejections.edit_rejection(
        rid,
        company="Acme",
        stage="interview",
        received_at=view.received_at,
        channel="email",
        contact="Sam Lee",
    )
    assert "Keep in touch with Sam Lee at Acme and check back" in _items(real, rid)


def test_a_silence_gets_a_follow_up_to_copy(real: Store) -> None:  # noqa: F811
    rid = real.rejections.log_rejection("Acme", stage="applied", channel="silence")
    follow = _by_start(_items(real, rid), "Follow up once")
    assert "Acme" in follow.reply


def test_items_without_a_reply_have_none(real: Store) -> None:  # noqa: F811
    real.rejections.log_rejection("Acme", stage="final", channel="email")
    hunt = _items(real, None)
    assert hunt and all(item.reply == "" for item in hunt.values())


def test_toggling_returns_the_filled_in_view(real: Store) -> None:  # noqa: F811
    rid = real.rejections.log_rejection("Acme", stage="final", channel="email", contact="Dana")
    keep = _by_start(_items(real, rid), "Keep in touch")
    toggled = real.checklist.toggle_item(keep.item_id)
    assert toggled.title == keep.title and toggled.done


def test_the_packaged_template_uses_only_known_placeholders() -> None:
    for item in regroup_template(None):
        for text in (item.title, item.why, item.reply):
            assert "{" not in fill_in(text, contact="D", company="C")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[item]]\nkey = "a"\ntitle = "Hi {name}"\n', "unknown placeholder '{name}'"),
        ('[[item]]\nkey = "a"\ntitle = "A"\nreply = "{greting}"\n', "unknown placeholder"),
        ('[[item]]\nkey = "a"\ntitle = "A"\nreply = 3\n', "reply must be a string"),
        (f'[[item]]\nkey = "a"\ntitle = "A"\nreply = "{"x" * (MAX_REPLY + 1)}"\n', "at most"),
    ],
)
def test_a_bad_reply_or_placeholder_is_one_line(toml: str, message: str) -> None:
    with pytest.raises(DomainError, match="item 1") as error:
        parse_template(toml)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_fill_in_leaves_other_braces_alone() -> None:
    assert fill_in("{greeting} {x} {}", contact="  Dana\n Lee ") == "Hi Dana Lee, {x} {}"
    assert fill_in("{company}") == "the company"


@given(st.text(max_size=30), st.text(max_size=30))
def test_filling_in_is_one_pass_and_exact(contact: str, company: str) -> None:
    # a name holding "{company}" stays as typed: it is not filled in again
    filled = fill_in("{contact}|{company}", contact=contact, company=company)
    name = " ".join(contact.split()) or "your contact"
    firm = " ".join(company.split()) or "the company"
    assert filled == f"{name}|{firm}"
