"""The key file: a random key wrapped by a passphrase (Argon2id) and by recovery words."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tawthiq.store import keystore, secure_files
from tawthiq.store.errors import StoreError

FAST = keystore.Kdf(b"0123456789abcdef", iterations=1, memory_kib=8 * 1024, lanes=1)


@pytest.fixture(autouse=True)
def _forget() -> None:
    keystore.forget()


def test_the_passphrase_and_the_recovery_words_open_the_same_key() -> None:
    words, secret = keystore.new_recovery()
    key = os.urandom(32)
    kf = keystore.new_key_file(key, "a long passphrase", secret, kdf=FAST)
    keystore.forget()
    assert keystore.open_with_passphrase(kf, "a long passphrase") == key
    assert keystore.open_with_passphrase(kf, "a long passphrasE") is None
    assert keystore.open_with_recovery(kf, keystore.recovery_secret(words)) == key
    assert len(words.split()) == 12


def test_recovery_words_as_a_person_types_them_back() -> None:
    words, secret = keystore.new_recovery()
    typed = "\n".join(w.upper() for w in words.split())  # one per line, in capitals
    assert keystore.recovery_secret(f"  {typed}  ") == secret
    with pytest.raises(keystore.WrongPassphraseError, match="twelve recovery words"):
        keystore.recovery_secret(" ".join(words.split()[:11]))  # one left out
    misspelt = words.split()
    misspelt[5] = misspelt[5] + "q"  # no word of the list ends so
    with pytest.raises(keystore.WrongPassphraseError, match="misspelt"):
        keystore.recovery_secret(" ".join(misspelt))


def test_a_short_passphrase_is_refused() -> None:
    with pytest.raises(keystore.WrongPassphraseError, match="at least 8 characters"):
        keystore.new_key_file(os.urandom(32), "short", os.urandom(16), kdf=FAST)


def test_a_change_of_passphrase_keeps_the_old_one_until_settled(tmp_path: Path) -> None:
    key, secret = os.urandom(32), os.urandom(16)
    kf = keystore.new_key_file(key, "old passphrase", secret, kdf=FAST)
    new_kdf = keystore.fresh_salt(FAST)
    changing = keystore.rewrapped(kf, key, "new passphrase", kdf=new_kdf, keep_old=True)
    path = tmp_path / "k.keys"
    keystore.write_key_file(path, changing)
    keystore.forget()
    both = keystore.read_key_file(path)
    assert keystore.open_with_passphrase(both, "old passphrase") == key
    assert keystore.open_with_passphrase(both, "new passphrase") == key
    settled = both.settled()
    assert keystore.open_with_passphrase(settled, "old passphrase") is None
    assert keystore.open_with_passphrase(settled, "new passphrase") == key
    assert keystore.open_with_recovery(settled, secret) == key  # the words still open it


def test_a_damaged_key_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "k.keys"
    keystore.write_key_file(
        path, keystore.new_key_file(os.urandom(32), "passphrase!", b"r" * 16, kdf=FAST)
    )
    data = json.loads(path.read_text())
    data["kdf"]["iterations"] = 10_000  # out of range: a hostile file could stall us
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="is damaged; restore it from a backup"):
        keystore.read_key_file(path)
    path.write_text("{not json")
    with pytest.raises(StoreError, match="is damaged"):
        keystore.read_key_file(path)


def test_destroy_overwrites_the_bytes_where_they_lie(tmp_path: Path) -> None:
    path = tmp_path / "k.keys"
    path.write_bytes(b"SECRET" * 100)
    os.link(path, tmp_path / "same-file")  # a second name sees the same bytes
    assert secure_files.destroy(path)
    assert not path.exists()
    assert (tmp_path / "same-file").read_bytes() == bytes(600)  # overwritten, not unlinked only
    assert not secure_files.destroy(path)


def test_a_destruction_cut_part_way_leaves_no_garbage_under_the_files_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill while the bytes were being overwritten left a half-overwritten key file where
    the laptop reads it ("the key file … is damaged"): the file leaves its name first."""
    path = tmp_path / "laptop-keys.json"
    path.write_bytes(b"SECRET" * 100)
    os.link(path, tmp_path / "same-file")

    def cut(f: object) -> None:
        raise KeyboardInterrupt  # the process ends here

    with monkeypatch.context() as m:
        m.setattr(secure_files, "overwrite", cut)
        with pytest.raises(KeyboardInterrupt):
            secure_files.destroy(path)
    assert not path.exists()  # gone from its name: the laptop reads it as unprotected
    assert secure_files.finish_destroying(tmp_path) == 1  # the next start completes it
    assert list(tmp_path.iterdir()) == [tmp_path / "same-file"]
    assert (tmp_path / "same-file").read_bytes() == bytes(600)
    assert secure_files.finish_destroying(tmp_path) == 0
