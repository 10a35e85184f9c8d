"""Gathering one data subject's processing log from every service's database (subject access request).

The operator's own look is logged too, in each database it read, as `inzageverzoek-afhandelen`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from journey_platform.db import make_engine, new_metadata, utcnow
from journey_platform.privacy.pseudonyms import pseudonym
from journey_platform.privacy.register import SHARED_ACTIVITIES, SUBJECT_ACCESS
from journey_platform.privacy.tables import processing_log_table

_TABLE = processing_log_table(new_metadata())
OPS_ORGANISATION = ("beheer", "opvangketen-ops")
SHOWN = (
    "tijdstip",
    "dienst",
    "verwerkingsactiviteit",
    "doel",
    "grondslag",
    "handeling",
    "resultaat",
    "actor",
    "organisatie_type",
    "organisatie_id",
    "methode",
    "route",
    "trace_id",
)


async def gather(database_urls: Mapping[str, str], key: str, client_id: uuid.UUID, operator: str) -> list[dict[str, Any]]:
    """Every service's entries for the subject, oldest first; each database also gets a row for this look."""
    subject = pseudonym(key, client_id)
    entries: list[dict[str, Any]] = []
    for service, url in database_urls.items():
        engine = make_engine(url)
        try:
            async with engine.begin() as conn:
                query = select(*(_TABLE.c[c] for c in SHOWN)).where(_TABLE.c.betrokkene == subject)
                entries += [dict(r) for r in (await conn.execute(query)).mappings().all()]
                await conn.execute(_TABLE.insert(), [_own_row(service, subject, operator)])
        finally:
            await engine.dispose()
    return sorted(entries, key=lambda e: (e["tijdstip"], e["dienst"]))


def _own_row(service: str, subject: str, operator: str) -> dict[str, Any]:
    activity = SHARED_ACTIVITIES[SUBJECT_ACCESS]
    return {
        "id": uuid.uuid4(),
        "tijdstip": utcnow(),
        "dienst": service,
        "trace_id": None,
        "span_id": None,
        "parent_span_id": None,
        "actor": operator[:200],
        "organisatie_type": OPS_ORGANISATION[0],
        "organisatie_id": OPS_ORGANISATION[1],
        "verwerkingsactiviteit": SUBJECT_ACCESS,
        "doel": activity.doel,
        "grondslag": activity.grondslag,
        "betrokkene": subject,
        "handeling": "lezen",
        "resultaat": "gelukt",
        "methode": "CLI",
        "route": "opvangketen-ops verwerkingen",
    }
