"""Who may subscribe to what: a local team to its own residents, a central access point to its region's."""

from __future__ import annotations

from journey_platform.errors import Forbidden, InvalidInput, NotFound
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData
from reporting.subscriptions.adapters.orm import Abonnement


def may_subscribe(who: Principal, gemeente: str | None, reference: ReferenceData) -> None:
    who.require(OrgType.gemeente, OrgType.centrale_toegang)
    if gemeente is not None and not who.may_see_municipalities({gemeente}, reference):
        raise Forbidden(f"residents of {gemeente} are outside your organisation's reach")


def owned(abonnement: Abonnement | None, who: Principal) -> Abonnement:
    """Another organisation's subscription is as good as absent: its existence is none of the caller's business."""
    if abonnement is None or (abonnement.org_type, abonnement.org_id) != (who.org_type.value, who.org_id):
        raise NotFound("no such subscription of your organisation")
    return abonnement


def callback_allowed(url: str, require_https: bool) -> None:
    """Outside development and test, deliveries (carrying the subscriber's Authorization value) go over TLS only."""
    if require_https and not url.startswith("https://"):
        raise InvalidInput.field("callbackUrl", "must be an https URL", code="https-required")
