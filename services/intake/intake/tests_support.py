"""Helpers the tests of intake (and the end-to-end suite) use to look inside the outbox."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from intake.adapters.orm import messaging


async def outbox_events(service: Any) -> list[dict[str, Any]]:
    async with service.container.engine.connect() as conn:
        rows = (await conn.execute(select(messaging.outbox.c.payload).order_by(messaging.outbox.c.seq))).scalars().all()
    return [json.loads(r) for r in rows]
