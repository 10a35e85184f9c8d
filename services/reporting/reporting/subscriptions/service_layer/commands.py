"""Commands of subscriptions: camelCase on the wire, unknown fields refused."""

from __future__ import annotations

from typing import Annotated

from pydantic import AnyHttpUrl, Field, field_validator

from journey_platform.web.commands import Command
from reporting.subscriptions.domain.channels import CHANNEL_BY_EVENT, Kanaal


class AbonnementFilters(Command):
    gemeente: Annotated[
        str | None,
        Field(pattern=r"^GM\d{4}$", examples=["GM0193"], description="Only events about residents of this municipality."),
    ] = None
    event_types: list[str] = Field(
        default_factory=list, max_length=50, description="Only these events, by name (e.g. `melding-geregistreerd`)."
    )

    @field_validator("event_types")
    @classmethod
    def _known_events(cls, names: list[str]) -> list[str]:
        unknown = sorted(set(names) - set(CHANNEL_BY_EVENT))
        if unknown:
            raise ValueError(f"unknown event names: {', '.join(unknown)}")
        return names


class RegistreerAbonnement(Command):
    """A webhook subscription: where to deliver, the Authorization header to send, what to send."""

    callback_url: AnyHttpUrl = Field(description="Where each event is POSTed as a CloudEvent (JSON).")
    # An HTTP header value: visible ASCII and inner spaces only (no line breaks, nothing httpx cannot encode).
    auth: str = Field(
        min_length=1,
        max_length=2000,
        pattern=r"^[!-~]([ -~]*[!-~])?$",
        description="The value of the Authorization header sent with every delivery.",
    )
    kanalen: list[Kanaal] = Field(min_length=1, description="The event families to receive.")
    filters: AbonnementFilters = Field(default_factory=AbonnementFilters)
