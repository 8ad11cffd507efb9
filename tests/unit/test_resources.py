"""The packaged assets and the user's override of the regroup template."""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_tui.domain.checklist import pick_reframe
from bounce_tui.domain.errors import DomainError
from bounce_tui.resources import asset_text, reframes, regroup_template

EXPECTED_KEYS = {
    "thank_you_reply",
    "ask_for_feedback",
    "write_down_what_happened",
    "resume_pass",
    "mock_interview",
    "re_evaluate_goal",
    "note_what_is_good",
    "safety_net_check",
    "keep_the_contact",
    "next_application",
}


def test_asset_text_reads_packaged_files() -> None:
    assert "[[item]]" in asset_text("regroup.toml")
    assert "[[reframe]]" in asset_text("reframes.toml")
    with pytest.raises(DomainError, match="no-such-file.toml"):
        asset_text("no-such-file.toml")
    with pytest.raises(ValueError):
        asset_text("../pyproject.toml")


def test_packaged_regroup_template() -> None:
    items = regroup_template(None)
    assert {i.key for i in items} == EXPECTED_KEYS | {"follow_up_once"}
    assert len(items) == 11
    by_key = {i.key: i for i in items}
    assert by_key["thank_you_reply"].due_after_days == 0
    assert by_key["keep_the_contact"].due_after_days == 30
    feedback = by_key["ask_for_feedback"]
    assert feedback.kind == "decision"
    assert feedback.choices == ("ask", "don't ask")
    assert len(feedback.views) == 2
    assert [i.key for i in items][0] == "thank_you_reply"
    assert [i.key for i in items][-1] == "next_application"
    for item in items:
        assert item.title and item.why
        assert "\n" not in item.why and len(item.title) <= 60
        if item.kind == "task":
            assert item.choices == ()


def test_the_packaged_template_fits_each_kind_of_rejection() -> None:
    items = regroup_template(None)

    def own(stage: str, channel: str) -> set[str]:
        return {i.key for i in items if i.applies_to(stage, channel) and not i.hunt_wide}

    assert own("applied", "email") == set()  # an auto-reply is not a conversation
    assert own("applied", "silence") == {"follow_up_once"}
    assert "thank_you_reply" not in own("final", "silence")
    assert {"thank_you_reply", "ask_for_feedback", "keep_the_contact"} <= own("final", "call")
    hunt = {i.key for i in items if i.hunt_wide}
    assert {"resume_pass", "mock_interview", "safety_net_check", "re_evaluate_goal"} <= hunt
    mock = next(i for i in items if i.key == "mock_interview")
    assert not mock.applies_to("applied", "email")


def test_packaged_reframes() -> None:
    items = reframes()
    assert len(items) >= 10
    traps = {r.trap for r in items}
    for trap in ("personalising", "catastrophising", "mind reading", "labelling"):
        assert trap in traps
    assert all(r.question.endswith("?") for r in items)
    assert pick_reframe(items, len(items)) == items[0]


def test_user_override(tmp_path: Path) -> None:
    (tmp_path / "regroup.toml").write_text(
        '[[item]]\nkey = "only_mine"\ntitle = "My own step"\nwhy = "Because."\n',
        encoding="utf-8",
    )
    items = regroup_template(tmp_path)
    assert [i.key for i in items] == ["only_mine"]


def test_missing_override_falls_back(tmp_path: Path) -> None:
    assert len(regroup_template(tmp_path)) == 11
    assert len(regroup_template(tmp_path / "does-not-exist")) == 11


def test_broken_override_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "regroup.toml"
    path.write_text("[[item]]\nkey = 'a'\n", encoding="utf-8")
    with pytest.raises(DomainError) as info:
        regroup_template(tmp_path)
    assert str(path) in str(info.value)
    assert "has no title" in str(info.value)


def test_undecodable_override_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "regroup.toml"
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(DomainError, match="regroup.toml"):
        regroup_template(tmp_path)
