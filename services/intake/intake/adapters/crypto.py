"""Encryption of personal data at rest: a rotating key ring (AES-256-GCM) that wraps one data key per person,
the person's data key that seals their BSN, name, date of birth and free text, and blind indexes.

Destroying a person's wrapped data key makes everything sealed with it unreadable (crypto-shredding),
including copies in backups.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

DATA_KEY_PREFIX = "dk1:"


class KeyRing:
    """Encrypts with the first key; decrypts with whichever key a ciphertext names."""

    def __init__(self, spec: str, index_key: str) -> None:
        self._keys: dict[str, bytes] = {}
        self._order: list[str] = []
        for part in spec.split(","):
            kid, _, b64 = part.strip().partition(":")
            key = base64.b64decode(b64)
            if len(key) not in (16, 24, 32):
                raise ValueError(f"key {kid!r} must be 16, 24 or 32 bytes")
            self._keys[kid] = key
            self._order.append(kid)
        self._index_key = base64.b64decode(index_key)

    @property
    def active_kid(self) -> str:
        return self._order[0]

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = AESGCM(self._keys[self.active_kid]).encrypt(nonce, plaintext.encode(), self.active_kid.encode())
        return f"{self.active_kid}:{base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str) -> str:
        kid, _, b64 = token.partition(":")
        raw = base64.b64decode(b64)
        return AESGCM(self._keys[kid]).decrypt(raw[:12], raw[12:], kid.encode()).decode()

    def needs_rotation(self, token: str) -> bool:
        return not token.startswith(self.active_kid + ":")

    def blind_index(self, value: str) -> str:
        return hmac.new(self._index_key, value.encode(), hashlib.sha256).hexdigest()

    def wrap(self, data_key: DataKey) -> str:
        """The data key as stored: encrypted with the ring's active key."""
        return self.encrypt(base64.b64encode(data_key.secret).decode())

    def unwrap(self, wrapped: str, owner: str) -> DataKey:
        return DataKey(base64.b64decode(self.decrypt(wrapped)), owner)


class DataKey:
    """One person's key. Ciphertexts are bound to the owner's id, so one person's cannot pass for another's."""

    def __init__(self, secret: bytes, owner: str) -> None:
        if len(secret) != 32:
            raise ValueError("a data key has 32 bytes")
        self.secret = secret
        self._aad = owner.encode()

    @classmethod
    def generate(cls, owner: str) -> DataKey:
        return cls(AESGCM.generate_key(bit_length=256), owner)

    def seal(self, plaintext: str | None) -> str | None:
        if plaintext is None:
            return None
        nonce = os.urandom(12)
        sealed = AESGCM(self.secret).encrypt(nonce, plaintext.encode(), self._aad)
        return DATA_KEY_PREFIX + base64.b64encode(nonce + sealed).decode()

    def open(self, token: str | None) -> str | None:
        if token is None:
            return None
        if not token.startswith(DATA_KEY_PREFIX):
            raise ValueError("not sealed with a data key")
        raw = base64.b64decode(token[len(DATA_KEY_PREFIX) :])
        return AESGCM(self.secret).decrypt(raw[:12], raw[12:], self._aad).decode()


def is_sealed(value: str | None) -> bool:
    return value is not None and value.startswith(DATA_KEY_PREFIX)
