"""Sync with a passphrase: sealed files, the folder's key file, files in the wrong form."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from bounce_tui.store.sync import files, passphrase
from bounce_tui.store.sync.files import KEY_FILE, file_name
from tests.conftest import NOW

from .sync_support import Device

SECRET = "correct horse battery staple"


@pytest.fixture
def keyed(pair: tuple[Device, Device]) -> tuple[Device, Device]:
    a, b = pair
    a.use_passphrase(SECRET)
    b.use_passphrase(SECRET)
    return a, b


def own(device: Device) -> Path:
    return device.folder / file_name(device.device)


def test_two_devices_with_one_passphrase_sync_both_ways(keyed: tuple[Device, Device]) -> None:
    a, b = keyed
    a.store.checkins.check_in(4, note="a private note from the laptop")
    b.store.checkins.check_in(2, note="written at the desk")
    for device in (a, b, a):
        report = device.sync()
        assert report.skipped == []  # the key file is no device's file
    assert a.rows() == b.rows()
    assert {row["note"] for row in a.rows()["checkin"]} == {
        "a private note from the laptop",
        "written at the desk",
    }
    raw = own(a).read_bytes()
    assert passphrase.is_sealed(raw)
    with pytest.raises(ValueError):
        json.loads(raw)
    assert b"private note" not in raw and b"checkin" not in raw
    for path in a.folder.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert sorted(p.name for p in a.folder.iterdir()) == sorted(
        [KEY_FILE, file_name(a.device), file_name(b.device)]
    )
    assert a.status().encrypted and a.status().folder_has_key


def test_a_wrong_passphrase_stores_nothing(pair: tuple[Device, Device]) -> None:
    a, b = pair
    a.use_passphrase(SECRET)
    key_file = (a.folder / KEY_FILE).read_bytes()
    with pytest.raises(passphrase.WrongPassphrase):
        b.use_passphrase("correct horse battery stapler")
    assert not b.status().encrypted and b.status().folder_has_key
    assert (a.folder / KEY_FILE).read_bytes() == key_file


def test_the_key_file_holds_no_key_and_a_known_passphrase_opens_it(folder: Path) -> None:
    made, key = passphrase.new_key_file(SECRET, NOW)
    text = made.text()
    assert key not in text and SECRET not in text
    again = passphrase.parse_key_file(text.encode())
    assert passphrase.open_key(SECRET, again) == key
    data = json.loads(text)
    assert data["kdf"]["name"] == "scrypt" and data["kdf"]["n"] == 2**15
    assert len(base64.b64decode(data["kdf"]["salt"])) == 16
    other, other_key = passphrase.new_key_file(SECRET, NOW)
    assert other.salt != made.salt and other_key != key  # a fresh salt per folder


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "other"},
        {"format": 2},
        {"kdf": {"name": "pbkdf2"}},
        {"n": 2**30},  # a hostile file asking for gigabytes
        {"n": 1000},
        {"r": 0},
        {"salt": "c2hvcnQ="},
        {"salt": "not base64!"},
        {"check": 5},
    ],
)
def test_an_unusable_key_file_is_refused(change: dict[str, object]) -> None:
    data = json.loads(passphrase.new_key_file(SECRET, NOW)[0].text())
    for name, value in change.items():
        if name in data:
            data[name] = value
        else:
            data["kdf"][name] = value
    with pytest.raises(passphrase.KeyFileError):
        passphrase.parse_key_file(json.dumps(data).encode())
    with pytest.raises(passphrase.KeyFileError):
        passphrase.parse_key_file(b"\xff not json")


def test_a_device_with_another_key_merges_nothing(pair: tuple[Device, Device]) -> None:
    a, b = pair
    a.use_passphrase(SECRET)
    b.set_key(base64.urlsafe_b64encode(os.urandom(32)).decode())
    a.store.checkins.check_in(4, note="only for the laptop's key")
    a.sync()
    report = b.sync()
    assert report.merged == 0 and b.rows()["checkin"] == []
    (line,) = report.skipped
    assert line.startswith(file_name(a.device)) and "cannot be opened" in line


def test_a_plain_file_in_a_keyed_folder_is_skipped_and_sealed_ones_unread_without_key(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    a.use_passphrase(SECRET)
    a.store.checkins.check_in(4, note="sealed")
    b.store.checkins.check_in(1, note="plain")
    b.sync()
    report = a.sync()
    assert report.merged == 0 and [r["note"] for r in a.rows()["checkin"]] == ["sealed"]
    (line,) = report.skipped
    assert "is not encrypted" in line
    report = b.sync()
    assert report.merged == 0 and [r["note"] for r in b.rows()["checkin"]] == ["plain"]
    (line,) = report.skipped
    assert "bounce sync init DIR --passphrase" in line


def test_a_truncated_sealed_file_is_skipped(keyed: tuple[Device, Device]) -> None:
    a, b = keyed
    a.store.checkins.check_in(4, note="whole")
    a.sync()
    path = own(a)
    whole = path.read_bytes()
    before = b.rows()
    for end in (3, 60, len(whole) // 2, len(whole) - 40, len(whole) - 2, len(whole) - 1):
        path.write_bytes(whole[:end])
        os.utime(path, ns=(end, end))  # a new size and time: b reads it again
        report = b.sync()
        assert report.merged == 0 and len(report.skipped) == 1, report
        assert b.rows() == before
    flipped = bytearray(whole)
    flipped[len(whole) // 2] ^= 1
    path.write_bytes(bytes(flipped))
    os.utime(path, ns=(1, 1))
    assert "cannot be opened" in b.sync().skipped[0]
    path.write_bytes(whole)
    assert b.sync().merged == 1


def test_a_plain_device_that_takes_a_passphrase_writes_its_file_sealed(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    a.store.checkins.check_in(3, note="before the passphrase")
    a.sync()
    assert json.loads(own(a).read_text())["count"] == 1
    assert not a.sync().wrote  # nothing new
    a.use_passphrase(SECRET)
    assert a.sync().wrote  # nothing new, but the file changes form
    assert passphrase.is_sealed(own(a).read_bytes())
    assert not a.sync().wrote  # its own sealed file is read back as current
    a.clock.advance(minutes=5)
    a.store.checkins.check_in(5, note="after")
    assert a.sync().written == 2  # one line made, one reused from the sealed file
    b.use_passphrase(SECRET)
    assert b.sync().merged == 2
    assert a.rows() == b.rows()


def test_forgetting_the_passphrase_writes_plain_and_skips_sealed_files(
    keyed: tuple[Device, Device],
) -> None:
    a, b = keyed
    a.store.checkins.check_in(4)
    b.store.checkins.check_in(2)
    a.sync()
    b.sync()
    b.set_key(None)
    assert not b.status().encrypted and b.status().folder_has_key
    report = b.sync()
    assert report.wrote and not passphrase.is_sealed(own(b).read_bytes())
    assert json.loads(own(b).read_text())["kind"] == "bounce-sync"
    a.clock.advance(minutes=5)
    a.store.checkins.check_in(5)
    a.sync()
    skipped = b.sync().skipped
    assert len(skipped) == 1 and "--passphrase" in skipped[0]


def test_the_size_limit_is_on_the_text_a_sealed_file_holds(
    keyed: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = keyed
    a.store.checkins.check_in(4, note="sized")
    a.sync()
    sealed = own(a).read_bytes()
    with pytest.raises(passphrase.WrongPassphrase):
        passphrase.unseal(base64.urlsafe_b64encode(bytes(32)).decode(), sealed)
    key = a.use_passphrase(SECRET)
    text = passphrase.unseal(key, sealed)
    assert len(sealed) == passphrase.sealed_size(len(text)) > len(text)
    monkeypatch.setattr(files, "MAX_SYNC_BYTES", len(text) - 1)
    (line,) = b.sync().skipped
    assert "too large" in line
    monkeypatch.setattr(files, "MAX_SYNC_BYTES", len(text))
    assert b.sync().merged == 1


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 100, 4095])
def test_sealed_size_is_the_token_length(size: int) -> None:
    key = base64.urlsafe_b64encode(bytes(range(32))).decode()
    assert len(passphrase.seal(key, b"x" * size, NOW)) == passphrase.sealed_size(size)
