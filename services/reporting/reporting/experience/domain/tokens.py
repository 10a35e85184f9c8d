"""One-time questionnaire links: a random token the client gets, of which only the hash is stored."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

TOKEN_BYTES = 32  # 256 bits: guessing one is hopeless, so the link needs no login
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # token_urlsafe(32): 43 characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """SHA-256 suffices (no slow hash needed): the token is 256 random bits, not a password a person chose."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def well_formed(token: str) -> bool:
    return TOKEN_PATTERN.fullmatch(token) is not None


class Geldigheid(StrEnum):
    """Whether a link can still be used: valid, or why not (an unknown link is 404, expired or used 410)."""

    geldig = "geldig"
    onbekend = "onbekend"
    verlopen = "verlopen"
    gebruikt = "gebruikt"


def geldigheid(found: bool, verloopt_op: datetime | None, gebruikt_op: datetime | None, now: datetime) -> Geldigheid:
    if not found or verloopt_op is None:
        return Geldigheid.onbekend
    if gebruikt_op is not None:
        return Geldigheid.gebruikt
    if now >= verloopt_op:
        return Geldigheid.verlopen
    return Geldigheid.geldig


def expiry(now: datetime, days: float) -> datetime:
    return now + timedelta(days=days)
