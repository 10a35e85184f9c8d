"""Encryption of personal data at rest (AES-256-GCM with a rotating key ring) and blind indexes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


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
