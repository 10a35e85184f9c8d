"""Event contracts: frozen, versioned payloads that carry ids, never personal details.

Every contract names its CloudEvents type, its producer, its schema version, its consumers and a
description; the registry below is the single source for the event catalogue (docs/events.md) and for
parsing incoming events. Older versions of a contract are read through the upcasters of
`contracts/versions.py`.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

TYPE_PREFIX = "nl.opvangketen"


class EventContract(BaseModel):
    """Base of every event payload (CloudEvents `data`)."""

    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True, extra="ignore")

    # Metadata, filled in by each concrete contract.
    producer: ClassVar[str]
    name: ClassVar[str]
    version: ClassVar[int]  # the schema version, `.v<version>` in the type; each registered contract states its own
    consumers: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    @classmethod
    def event_type(cls) -> str:
        return f"{TYPE_PREFIX}.{cls.producer}.{cls.name}.v{cls.version}"

    @classmethod
    def topic(cls) -> str:
        """The topic this event goes to: its producer's, unless a contract family says otherwise."""
        return topic_for(cls.producer)

    def subject(self) -> str:
        """CloudEvents subject."""
        raise NotImplementedError

    def partition_key(self) -> str:
        """Kafka message key: events with the same key stay in order."""
        raise NotImplementedError

    def to_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class JourneyEvent(EventContract):
    """An event about one client's journey: subject is the journey, key the client.

    Its producer numbers each journey's events (the `trajectvolgnummer` CloudEvents extension, set when the
    outbox row is written: messaging/uow.py), unless the family says it is a copy (`sequenced` False).
    """

    sequenced: ClassVar[bool] = True

    traject_id: UUID
    client_id: UUID

    def subject(self) -> str:
        return str(self.traject_id)

    def partition_key(self) -> str:
        return str(self.client_id)


class ResourceEvent(EventContract):
    """An event about a resource that is no client (a facility, a housing unit): subject and key are its id."""

    resource_id: ClassVar[str] = "id"

    def subject(self) -> str:
        return str(getattr(self, self.resource_id))

    def partition_key(self) -> str:
        return self.subject()


_REGISTRY: dict[str, type[EventContract]] = {}
_C = TypeVar("_C", bound=type[EventContract])


def register(cls: _C) -> _C:
    """Class decorator: adds the contract to the catalogue. The contract states its schema version itself."""
    if "version" not in vars(cls):
        raise ValueError(f"{cls.__name__} must state its schema version (version: ClassVar[int] = N)")
    event_type = cls.event_type()
    if event_type in _REGISTRY:
        raise ValueError(f"event type {event_type} registered twice")
    _REGISTRY[event_type] = cls
    _NEWEST.clear()
    return cls


def unregister(cls: type[EventContract]) -> None:
    """Removes a contract again (tests that add a version of their own)."""
    _REGISTRY.pop(cls.event_type(), None)
    _NEWEST.clear()


_NEWEST: dict[tuple[str, str], type[EventContract] | None] = {}


def newest_of_family(producer: str, name: str) -> type[EventContract] | None:
    """The registered contract of this producer and name with the highest schema version (cached: readers ask per event)."""
    key = (producer, name)
    if key not in _NEWEST:
        family = [c for c in registry().values() if c.producer == producer and c.name == name]
        _NEWEST[key] = max(family, key=lambda c: c.version, default=None)
    return _NEWEST[key]


def registry() -> dict[str, type[EventContract]]:
    from journey_platform.contracts import load_all

    load_all()
    return dict(_REGISTRY)


def contract_for(event_type: str) -> type[EventContract] | None:
    """Asked per event: a registered type without loading the catalogue again or copying it (`registry()`)."""
    return _REGISTRY.get(event_type) or registry().get(event_type)


def topic_for(producer: str) -> str:
    """One topic per producing service."""
    return f"opvangketen.{producer}"
