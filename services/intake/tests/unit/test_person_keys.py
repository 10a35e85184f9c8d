import base64
import os
import uuid

import pytest
from cryptography.exceptions import InvalidTag

from intake.adapters.crypto import DataKey, KeyRing, is_sealed

INDEX = base64.b64encode(os.urandom(32)).decode()


def ring(*kids: str) -> KeyRing:
    return KeyRing(",".join(f"{k}:{base64.b64encode(k.encode() * (32 // len(k))).decode()}" for k in kids), INDEX)


def test_each_person_gets_a_key_of_their_own_that_seals_their_data() -> None:
    a, b = DataKey.generate("person-a"), DataKey.generate("person-b")
    sealed = a.seal("Slaapt sinds een week in het park.")
    assert sealed is not None and is_sealed(sealed) and "park" not in sealed
    assert a.open(sealed) == "Slaapt sinds een week in het park."
    assert a.seal(None) is None and a.open(None) is None
    with pytest.raises(InvalidTag):
        b.open(sealed)


def test_a_ciphertext_is_bound_to_its_owner_even_under_the_same_key() -> None:
    key = DataKey.generate("person-a")
    sealed = key.seal("111222333")
    with pytest.raises(InvalidTag):
        DataKey(key.secret, "person-b").open(sealed)


def test_the_data_key_is_stored_wrapped_by_the_ring_and_comes_back_the_same() -> None:
    owner = str(uuid.uuid4())
    key = DataKey.generate(owner)
    wrapped = ring("k1").wrap(key)
    assert wrapped.startswith("k1:") and base64.b64encode(key.secret).decode() not in wrapped
    assert ring("k1").unwrap(wrapped, owner).open(key.seal("123456782")) == "123456782"


def test_rotation_rewraps_the_key_and_leaves_the_data_readable() -> None:
    owner = str(uuid.uuid4())
    key = DataKey.generate(owner)
    sealed = key.seal("Jansen|1980-04-01")
    old_wrapped = ring("k1").wrap(key)
    rotated = ring("k2", "k1")
    assert rotated.needs_rotation(old_wrapped)
    new_wrapped = rotated.wrap(rotated.unwrap(old_wrapped, owner))
    assert ring("k2").unwrap(new_wrapped, owner).open(sealed) == "Jansen|1980-04-01"


def test_without_the_key_nothing_sealed_with_it_can_be_read() -> None:
    """Crypto-shredding: once the wrapped key is destroyed, no key in the ring recovers the data."""
    owner = str(uuid.uuid4())
    sealed = DataKey.generate(owner).seal("111222333")
    for guess in (DataKey.generate(owner), DataKey(b"\0" * 32, owner)):
        with pytest.raises(InvalidTag):
            guess.open(sealed)
    with pytest.raises(ValueError):
        DataKey(b"short", owner)
