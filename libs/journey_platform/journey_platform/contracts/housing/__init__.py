"""Events produced by housing: units, matching proposals, offers, move-in, warm handover, the 3-month target.

A corporation's unit carries no client data; client events carry ids and codes only.
"""

from journey_platform.contracts.housing.aftercare import (
    Aandachtspunt,
    NazorgBron,
    NazorgcontactVastgelegd,
    NazorgplanOpgesteld,
    NazorgUitkomst,
    TerugvalBron,
    TerugvalSignaal,
    TerugvalsignaalGemeld,
)
from journey_platform.contracts.housing.common import Aanbieder, OpvangNaVerhuizing, TeRegelen, WoningType
from journey_platform.contracts.housing.matching import (
    AanbodAfgewezen,
    AanbodGeaccepteerd,
    AanbodGedaan,
    AanbodVastgelopen,
    KandidaatAangemeld,
    MatchVoorgesteld,
)
from journey_platform.contracts.housing.move_in import (
    DrieMaandenTermijnOverschreden,
    Verhuisd,
    WarmeOverdrachtBevestigd,
    WarmeOverdrachtGestart,
)
from journey_platform.contracts.housing.units import WoningBeschikbaar, WoningIngetrokken

__all__ = [
    "Aanbieder",
    "AanbodAfgewezen",
    "AanbodGeaccepteerd",
    "AanbodGedaan",
    "AanbodVastgelopen",
    "Aandachtspunt",
    "DrieMaandenTermijnOverschreden",
    "KandidaatAangemeld",
    "MatchVoorgesteld",
    "NazorgBron",
    "NazorgUitkomst",
    "NazorgcontactVastgelegd",
    "NazorgplanOpgesteld",
    "OpvangNaVerhuizing",
    "TeRegelen",
    "TerugvalBron",
    "TerugvalSignaal",
    "TerugvalsignaalGemeld",
    "Verhuisd",
    "WarmeOverdrachtBevestigd",
    "WarmeOverdrachtGestart",
    "WoningBeschikbaar",
    "WoningIngetrokken",
    "WoningType",
]
