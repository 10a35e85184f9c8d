"""Why a client on the waiting list is still waiting, in words a case worker can act on.

A free place goes to the first suitable client in the list's order (waiting_list.next_suitable): so a client
waits because the region has no such facility open, because every place is taken or offered, because no free
place is suitable (facilities.suits: safe for the client's group, pets, wheelchair), or because clients ahead
in the order come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from placement.domain.facilities import ClientNeeds, FacilityProfile, suits, unsafe_groups

ORDER_RULE = "volgorde van de lijst: urgent, overgang uit de jeugdzorg, dan besluitdatum (PLACEMENT_WAITING_LIST_ORDER)"


@dataclass(frozen=True)
class Place:
    name: str
    profile: FacilityProfile
    free: int


@dataclass(frozen=True)
class WaitReason:
    code: str
    toelichting: str
    regel: str


def why_waiting(kind: str, places: list[Place], needs: ClientNeeds, waiting_ahead: int) -> WaitReason:
    """`places`: the open facilities that fill this list in the client's region; `waiting_ahead`: clients still
    waiting who come before this one."""
    if not places:
        return WaitReason(
            "geen-voorziening",
            f"de regio heeft geen open voorziening voor {kind}",
            "een plaats wordt aangeboden in een open voorziening van de eigen regio die deze lijst vult",
        )
    free = [p for p in places if p.free > 0]
    if not free:
        total = sum(1 for _ in places)
        return WaitReason(
            "geen-vrije-plaats",
            f"alle plaatsen van de {total} voorziening(en) zijn bezet of al aangeboden",
            "een vrijgekomen plaats gaat naar de eerstvolgende passende cliënt op de lijst",
        )
    suitable = [p for p in free if suits(p.profile, needs)]
    if not suitable:
        why = "; ".join(f"{p.name}: {_unsuitable(p.profile, needs)}" for p in free)
        return WaitReason(
            "geen-passende-vrije-plaats",
            f"er zijn vrije plaatsen, maar geen die past: {why}",
            "alleen een veilige en passende plaats wordt aangeboden (veilig voor de groep van de cliënt, huisdieren, "
            "rolstoeltoegankelijk)",
        )
    room = sum(p.free for p in suitable)
    if waiting_ahead >= room:
        return WaitReason(
            "anderen-gaan-voor",
            f"{room} passende vrije plaats(en), {waiting_ahead} wachtende(n) gaan voor",
            ORDER_RULE,
        )
    return WaitReason(
        "aanbod-volgt",
        f"er is een passende vrije plaats ({', '.join(p.name for p in suitable)}); het aanbod volgt bij de volgende toewijzing",
        "een vrijgekomen plaats wordt aangeboden zodra placement haar toewijst (bij een wijziging van capaciteit, "
        "uitstroom of een nieuwe aanmelding)",
    )


def _unsuitable(facility: FacilityProfile, needs: ClientNeeds) -> str:
    reasons = [f"niet veilig voor {group}" for group in unsafe_groups(facility, needs)]
    if "huisdieren" in needs.attention_points and not facility.pets_allowed:
        reasons.append("geen huisdieren toegestaan")
    if needs.wheelchair and not facility.wheelchair_accessible:
        reasons.append("niet rolstoeltoegankelijk")
    return ", ".join(reasons) or "past niet"
