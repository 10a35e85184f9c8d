"""Signing deliveries in the manner of the Standard Webhooks specification (standardwebhooks.com).

The signature is HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>` with the subscription's
secret, sent as `webhook-signature: v1,<base64>`. The id and the timestamp are in the signed text, so a
receiver that refuses timestamps older than a few minutes cannot be fooled by a replayed delivery, and
an off-the-shelf Standard Webhooks library verifies our deliveries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }
