"""The data subject in the log: a keyed hash (HMAC-SHA256) of the client id.

The log alone does not link to intake's person; with the deployment's key a subject access request
computes the same pseudonym from the client id, in every service alike (one key for all four)."""

from __future__ import annotations

import hashlib
import hmac
import uuid


def pseudonym(key: str, client_id: uuid.UUID | str) -> str:
    value = str(client_id).lower().encode()
    return hmac.new(key.encode(), value, hashlib.sha256).hexdigest()
