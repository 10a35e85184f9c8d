"""Subscribers' secrets sealed at rest: the signing secret and the Authorization value we send them.

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) under a key ring: the first key of
REPORTING_SUBSCRIPTION_SECRET_KEYS seals, every key unseals, so a key is rotated by putting the new one
first, running `opvangketen-ops rotate-subscription-secrets`, then dropping the old one.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class SecretSeal:
    def __init__(self, keys: str) -> None:
        fernets = [Fernet(key.strip()) for key in keys.split(",") if key.strip()]
        if not fernets:
            raise ValueError("at least one key is needed")
        self._active = fernets[0]
        self._ring = MultiFernet(fernets)

    def seal(self, plaintext: str) -> str:
        return self._ring.encrypt(plaintext.encode()).decode()

    def unseal(self, sealed: str) -> str:
        return self._ring.decrypt(sealed.encode()).decode()

    def reseal(self, sealed: str) -> str | None:
        """The value sealed with the first key, or None when it already is."""
        try:
            self._active.decrypt(sealed.encode())
            return None
        except InvalidToken:
            return self._ring.rotate(sealed.encode()).decode()


def valid_keys(keys: str) -> str:
    SecretSeal(keys)  # raises ValueError naming a malformed key
    return keys
