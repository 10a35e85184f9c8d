"""Channels (kanalen): the event families a subscriber chooses from, as in the VNG Notificaties API."""

from __future__ import annotations

from enum import StrEnum


class Kanaal(StrEnum):
    meldingen = "meldingen"
    beschikkingen = "beschikkingen"
    opvang = "opvang"
    wachtlijst = "wachtlijst"
    woningen = "woningen"


# Every journey event by name (the part of its type between producer and version) → its channel.
# A test checks that every journey event in the contract registry has exactly one entry here.
CHANNEL_BY_EVENT: dict[str, Kanaal] = {
    "melding-geregistreerd": Kanaal.meldingen,
    "melding-afgesloten": Kanaal.meldingen,
    "onderzoek-gestart": Kanaal.meldingen,
    "verwijzing-aangemaakt": Kanaal.meldingen,
    "verwijzing-beoordeeld": Kanaal.meldingen,
    "preventiezaak-geopend": Kanaal.meldingen,
    "verantwoordelijke-gemeente-gewijzigd": Kanaal.meldingen,
    "traject-afgesloten": Kanaal.meldingen,
    "toestemming-verleend": Kanaal.meldingen,
    "toestemming-ingetrokken": Kanaal.meldingen,
    "beslistermijn-nadert": Kanaal.beschikkingen,
    "beslistermijn-verstreken": Kanaal.beschikkingen,
    "beschikking-afgegeven": Kanaal.beschikkingen,
    "kort-verblijf-toegekend": Kanaal.beschikkingen,
    "opname-geregistreerd": Kanaal.opvang,
    "opname-geweigerd": Kanaal.opvang,
    "kort-verblijf-verlengd": Kanaal.opvang,
    "checklist-item-afgerond": Kanaal.opvang,
    "verblijf-nadert-maximum": Kanaal.opvang,
    "verblijf-maximum-overschreden": Kanaal.opvang,
    "ondersteuningsplan-vastgesteld": Kanaal.opvang,
    "plaatsing-gerealiseerd": Kanaal.opvang,
    "trajectcontrole-achterstallig": Kanaal.opvang,
    "trajectcontrole-uitgevoerd": Kanaal.opvang,
    "uitstroomgereed-verklaard": Kanaal.opvang,
    "uitgestroomd": Kanaal.opvang,
    "client-verhuisd-bij-aanbiederuitval": Kanaal.opvang,
    "aangemeld-op-wachtlijst": Kanaal.wachtlijst,
    "wachtlijst-aanbod-gedaan": Kanaal.wachtlijst,
    "wachtlijst-aanbod-afgewezen": Kanaal.wachtlijst,
    "wachtlijst-verlaten": Kanaal.wachtlijst,
    "kandidaat-aangemeld": Kanaal.woningen,
    "match-voorgesteld": Kanaal.woningen,
    "aanbod-gedaan": Kanaal.woningen,
    "aanbod-geaccepteerd": Kanaal.woningen,
    "aanbod-afgewezen": Kanaal.woningen,
    "aanbod-vastgelopen": Kanaal.woningen,
    "verhuisd": Kanaal.woningen,
    "warme-overdracht-gestart": Kanaal.woningen,
    "warme-overdracht-bevestigd": Kanaal.woningen,
    "drie-maanden-termijn-overschreden": Kanaal.woningen,
    "nazorgplan-opgesteld": Kanaal.woningen,
    "nazorgcontact-vastgelegd": Kanaal.woningen,
    "terugvalsignaal-gemeld": Kanaal.woningen,
}


def channel_of(event_name: str) -> Kanaal | None:
    return CHANNEL_BY_EVENT.get(event_name)
