import base64
import os

import pytest
from cryptography.exceptions import InvalidTag

from intake.adapters.crypto import KeyRing


def key(kid: str) -> str:
    return f"{kid}:{base64.b64encode(os.urandom(32)).decode()}"


INDEX = base64.b64encode(os.urandom(32)).decode()


def test_bsn_is_not_stored_in_the_clear_and_round_trips() -> None:
    ring = KeyRing(key("k1"), INDEX)
    sealed = ring.encrypt("111222333")
    assert "111222333" not in sealed
    assert ring.decrypt(sealed) == "111222333"
    assert ring.encrypt("111222333") != sealed  # a fresh nonce every time


def test_rotation_decrypts_old_ciphertexts_and_encrypts_with_the_new_key() -> None:
    old = key("k1")
    sealed = KeyRing(old, INDEX).encrypt("123456782")
    rotated = KeyRing(f"{key('k2')},{old}", INDEX)
    assert rotated.decrypt(sealed) == "123456782"
    assert rotated.needs_rotation(sealed)
    assert not rotated.needs_rotation(rotated.encrypt("123456782"))


def test_tampered_ciphertext_is_refused() -> None:
    ring = KeyRing(key("k1"), INDEX)
    kid, _, body = ring.encrypt("111222333").partition(":")
    raw = bytearray(base64.b64decode(body))
    raw[-1] ^= 1
    with pytest.raises(InvalidTag):
        ring.decrypt(f"{kid}:{base64.b64encode(bytes(raw)).decode()}")


def test_blind_index_is_stable_and_keyed() -> None:
    a, b = KeyRing(key("k1"), INDEX), KeyRing(key("k1"), base64.b64encode(os.urandom(32)).decode())
    assert a.blind_index("bsn:111222333") == a.blind_index("bsn:111222333")
    assert a.blind_index("bsn:111222333") != b.blind_index("bsn:111222333")
