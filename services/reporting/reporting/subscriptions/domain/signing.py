"""Signing deliveries with the Standard Webhooks reference library (standardwebhooks.com).

The signature is HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>` with the subscription's
secret, sent as `webhook-signature: v1,<base64>`. The id and the timestamp are in the signed text, so a
receiver that refuses timestamps older than a few minutes cannot be fooled by a replayed delivery, and
any Standard Webhooks library verifies our deliveries: we sign with the same one.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64>` for a UTF-8 body (our deliveries are JSON)."""
    return Webhook(secret).sign(message_id, datetime.fromtimestamp(timestamp, UTC), body.decode())


def signed_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }
