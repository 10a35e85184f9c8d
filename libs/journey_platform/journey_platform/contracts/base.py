"""Event contracts: frozen, versioned payloads that carry ids, never personal details.

Every contract names its CloudEvents type, its producer, its consumers and a description;
the registry below is the single source for the event catalogue (docs/events.md) and for
parsing incoming events.
"""

from __future__ import annotations

from typing import Any, ClassVar
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
    version: ClassVar[int] = 1
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
    """An event about one client's journey: subject is the journey, key the client."""

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


def register(cls: type[EventContract]) -> type[EventContract]:
    """Class decorator: adds the contract to the catalogue."""
    event_type = cls.event_type()
    if event_type in _REGISTRY:
        raise ValueError(f"event type {event_type} registered twice")
    _REGISTRY[event_type] = cls
    return cls


def registry() -> dict[str, type[EventContract]]:
    from journey_platform.contracts import load_all

    load_all()
    return dict(_REGISTRY)


def contract_for(event_type: str) -> type[EventContract] | None:
    return registry().get(event_type)


def topic_for(producer: str) -> str:
    """One topic per producing service."""
    return f"opvangketen.{producer}"
