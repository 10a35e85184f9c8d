"""Test helpers for privacy: search every text column of a service's database, check every message on a topic.

`personal_data_in(engine, metadata, needles)` reads every String, Text and JSON column of every table and
returns where any needle occurs. `forbidden_in_message(text, needles)` names what a broker message must never
carry: the given values (what the tests posted) and, generically, a BSN (nine digits passing the 11-check),
a Dutch postcode with house number, or a street address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import JSON, MetaData, String, Text, select
from sqlalchemy.ext.asyncio import AsyncEngine

_NINE_DIGITS = re.compile(r"(?<![\w.:-])\d{9}(?![\w.:-])")  # not part of a uuid, a time or a longer number
_POSTCODE = re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b")
_STREET = re.compile(r"\b[A-Z][a-z]+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|hof)\s+\d+", re.UNICODE)


def passes_eleven_check(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0 and digits != "000000000"


@dataclass(frozen=True)
class Hit:
    where: str
    what: str


def forbidden_in_message(text: str, needles: Iterable[str]) -> list[str]:
    """What in this message may not be there: a registered value, a BSN, a postcode or a street address."""
    found = [f"value {n!r}" for n in needles if n and n.lower() in text.lower()]
    found += [f"BSN-like number {m}" for m in _NINE_DIGITS.findall(text) if passes_eleven_check(m)]
    found += [f"postcode {m}" for m in _POSTCODE.findall(text)]
    found += [f"address {m}" for m in _STREET.findall(text)]
    return found


async def personal_data_in(engine: AsyncEngine, metadata: MetaData, needles: Iterable[str]) -> list[Hit]:
    wanted = [n.lower() for n in needles if n]
    hits: list[Hit] = []
    async with engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON) or "JSON" in type(c.type).__name__]
            if not columns:
                continue
            for row in await conn.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    text = (value if isinstance(value, str) else json.dumps(value, default=str)).lower()
                    hits += [Hit(f"{table.name}.{column.name}", n) for n in wanted if n in text]
    return hits


# What the tests post that must never reach a broker: the values of these fields, wherever they are nested.
SENSITIVE_FIELDS = frozenset(
    {"bsn", "voornaam", "achternaam", "geboortedatum", "toelichting", "notities", "reden", "eigenVisie", "omschrijving"}
)


class PostedPersonalData:
    """Collects the personal data and free text one test posted (every request body through `start_service`),
    so that the topic scan knows what to look for."""

    def __init__(self) -> None:
        self.values: set[str] = set()

    def add(self, *values: str) -> None:
        self.values |= {v for v in values if len(v) >= 3}

    def add_body(self, content: bytes) -> None:
        try:
            body = json.loads(content) if content else None
        except ValueError:
            return
        self._walk(body)

    def _walk(self, node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SENSITIVE_FIELDS and isinstance(value, str):
                    self.add(value)
                else:
                    self._walk(value)
        elif isinstance(node, list):
            for item in node:
                self._walk(item)


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", errors="replace") if raw else ""


async def scan_broker(bootstrap_servers: str, needles: Iterable[str]) -> list[str]:
    """Every message on every topic of the broker (dead letters and public topics too) that carries what
    `forbidden_in_message` forbids, as "topic@partition:offset: what"."""
    from journey_platform.messaging.kafka import new_reader, read_to_end

    wanted = sorted(needles)
    problems: list[str] = []
    for topic in await _topics(bootstrap_servers):
        consumer = new_reader(bootstrap_servers)  # one per topic: a reader re-assigned to another topic read nothing
        await consumer.start()
        try:
            records = await read_to_end(consumer, topic)
        finally:
            await consumer.stop()
        for record in records:
            text = " ".join([_text(record.key), _text(record.value), *(f"{k}={_text(v)}" for k, v in record.headers)])
            problems += [f"{topic}@{record.partition}:{record.offset}: {found}" for found in forbidden_in_message(text, wanted)]
    return problems


async def _topics(bootstrap_servers: str) -> list[str]:
    from journey_platform.messaging.kafka import new_reader

    consumer = new_reader(bootstrap_servers)
    await consumer.start()
    try:
        return sorted(t for t in await consumer.topics() if not t.startswith("__"))
    finally:
        await consumer.stop()
