"""The legal basis for sharing a client's data with another organisation, as a pure rule.

Intake records consent (toestemming); housing and placement keep a projection of it and ask, at the moment of
sharing, whether a valid basis exists. Consent covers one recipient (an organisation, or every organisation of
one type), one or more purposes, and a period of whole days in Dutch time: valid from `geldig_van` up to and
including `geldig_tot`. A revoked consent is void from the moment the revocation is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from journey_platform.dutch_calendar import NL as NL  # re-exported: the one Dutch calendar


class Doel(StrEnum):
    """What the data may be shared for (purpose and data categories together)."""

    huisvesting = "huisvesting"  # candidate, proposals and offers, to a supplier of homes
    woonbegeleiding = "woonbegeleiding"  # the support plan and stays, to the provider guiding at home


class OntvangerType(StrEnum):
    woningcorporatie = "woningcorporatie"
    zorgaanbieder = "zorgaanbieder"


class Grondslag(StrEnum):
    """The basis a sharing rests on, as recorded in the sharing register."""

    toestemming = "toestemming"  # the client's consent
    # The Wmo task the recipient carries out:
    beschikking = "beschikking"  # the decision behind the placement with this provider
    opname = "opname"  # the admission to this provider's facility (e.g. the low-threshold acute shelter)
    ondersteuningsplan = "ondersteuningsplan"  # the support plan that names this provider as the guiding one


class ConsentStatus(StrEnum):
    geldig = "geldig"
    toekomstig = "toekomstig"
    verlopen = "verlopen"
    ingetrokken = "ingetrokken"


class Weigering(StrEnum):
    """Why no consent covers a sharing; the most telling reason among the consents that would have."""

    ingetrokken = "toestemming-ingetrokken"
    verlopen = "toestemming-verlopen"
    nog_niet_geldig = "toestemming-nog-niet-geldig"
    geen = "geen-toestemming"

    def explain(self) -> str:
        return {
            Weigering.ingetrokken: "the client revoked the consent for sharing with your organisation",
            Weigering.verlopen: "the client's consent for sharing with your organisation has expired",
            Weigering.nog_niet_geldig: "the client's consent for sharing with your organisation is not yet in force",
            Weigering.geen: "there is no consent of the client for sharing with your organisation",
        }[self]


@dataclass(frozen=True)
class Consent:
    id: UUID
    ontvanger_type: str
    ontvanger_id: str | None  # None: every organisation of that type
    doelen: frozenset[str]
    geldig_van: date
    geldig_tot: date
    ingetrokken_op: datetime | None = None


def day_of(moment: datetime) -> date:
    return moment.astimezone(NL).date()


def status(consent: Consent, now: datetime) -> ConsentStatus:
    if consent.ingetrokken_op is not None:
        return ConsentStatus.ingetrokken
    today = day_of(now)
    if today < consent.geldig_van:
        return ConsentStatus.toekomstig
    if today > consent.geldig_tot:
        return ConsentStatus.verlopen
    return ConsentStatus.geldig


def covers(consent: Consent, recipient_type: str, recipient_id: str, doel: str) -> bool:
    """Whether the consent's scope names this recipient and purpose (whatever its period)."""
    return consent.ontvanger_type == recipient_type and consent.ontvanger_id in (None, recipient_id) and doel in consent.doelen


_RANK = {
    ConsentStatus.ingetrokken: Weigering.ingetrokken,
    ConsentStatus.verlopen: Weigering.verlopen,
    ConsentStatus.toekomstig: Weigering.nog_niet_geldig,
}


def basis(consents: Iterable[Consent], recipient_type: str, recipient_id: str, doel: str, now: datetime) -> Consent | Weigering:
    """The valid consent that covers this sharing now, or why there is none."""
    reasons: set[Weigering] = set()
    for consent in consents:
        if not covers(consent, recipient_type, recipient_id, doel):
            continue
        found = status(consent, now)
        if found is ConsentStatus.geldig:
            return consent
        reasons.add(_RANK[found])
    for reason in Weigering:  # in order of how telling it is
        if reason in reasons:
            return reason
    return Weigering.geen
