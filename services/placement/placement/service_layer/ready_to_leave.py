"""Ready to leave (uitstroomgereed): the stay's provider declares that the client can leave MO/BW, with the
client's housing wishes; from that moment the three-month target for housing runs (housing's candidate)."""

from __future__ import annotations

import uuid

from journey_platform.backdating import Recorder
from journey_platform.contracts import placement as ev
from journey_platform.errors import Conflict, InvalidInput, NotFound
from journey_platform.principal import Principal
from placement.adapters.orm import Uitstroomverklaring, Verblijf
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import stays as rules
from placement.service_layer import commands as c
from placement.service_layer import policy, sharing
from placement.service_layer.admissions import own_stay
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import journey, stay
from placement.service_layer.unit_of_work import PlacementUnitOfWork
from placement.service_layer.views import UitstroomgereedView


async def verklaar_uitstroomgereed(
    verblijf_id: uuid.UUID, cmd: c.VerklaarUitstroomgereed, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> UitstroomgereedView:
    current = await own_stay(uow, who, ctx, verblijf_id)
    return await declare(current, cmd, uow, who, ctx)


async def declare(
    current: Verblijf, cmd: c.VerklaarUitstroomgereed, uow: PlacementUnitOfWork, who: Principal, ctx: PlacementContext
) -> UitstroomgereedView:
    """The step itself, on a stay the caller may act on (`own_stay`): one declaration per stay, never on a Bed & Break
    stay; the housing wishes checked; `UitstroomgereedVerklaard` tells housing the three-month target runs."""
    ctx = ctx.at(
        ctx.moment(
            cmd.verklaard_op,
            "verklaardOp",
            Recorder(uow, who, cmd.reden_late_registratie),
            current.opgenomen_op,
            "the stay began",
        )
    )
    if current.bed_en_break:
        raise Conflict("declare the client ready to leave on his or her own stay, not on a Bed & Break stay")
    traject = await journey(uow, current.traject_id)
    if await uow.ready_to_leave.declared_from(current.id):
        raise Conflict("this client was already declared ready to leave from this stay")
    for code in cmd.gemeente_voorkeuren:
        if not ctx.reference.is_known_municipality(code):
            raise InvalidInput.field(
                "gemeenteVoorkeuren", f"{code} is not a municipality of a region served here", "unknown-municipality"
            )
    if cmd.terugkeer_naar_herkomst and traject.gemeente_van_herkomst is None:
        raise InvalidInput.field("terugkeerNaarHerkomst", "the municipality of origin is not known", "no-origin")
    preferences = rules.housing_preferences(list(cmd.gemeente_voorkeuren))
    now = ctx.clock()
    # the wishes only: a late registration's free-text reason stays in late_registrations alone (erased with the person)
    wishes = {
        **cmd.model_dump(mode="json", by_alias=True, exclude={"verklaard_op", "reden_late_registratie"}),
        "gemeenteVoorkeuren": preferences,
    }
    declared = Uitstroomverklaring(
        id=uuid.uuid4(),
        traject_id=traject.id,
        verblijf_id=current.id,
        woonwensen=wishes,
        verklaard_door=who.org_id,
        verklaard_op=now,
    )
    uow.ready_to_leave.add(declared)
    uow.publish(
        ev.UitstroomgereedVerklaard(
            traject_id=traject.id,
            client_id=traject.client_id,
            verklaard_op=now,
            gemeente_van_herkomst=traject.gemeente_van_herkomst,
            verantwoordelijke_gemeente=traject.verantwoordelijke_gemeente,
            regio=traject.regio,
            huishouden_grootte=cmd.huishouden_grootte,
            gemeente_voorkeuren=preferences,
            max_huur=cmd.max_huur,
            huisdieren=cmd.huisdieren,
            rolstoeltoegankelijk=cmd.rolstoeltoegankelijk,
            begeleidingsintensiteit=cmd.begeleidingsintensiteit.value,
            jongvolwassene_18_23=cmd.jongvolwassene_18_23,
            doelgroepen=list(cmd.doelgroepen),
            urgent=cmd.urgent,
            housing_first=cmd.housing_first,
            terugkeer_naar_herkomst=cmd.terugkeer_naar_herkomst,
            uitkering_gemeente=cmd.uitkering_gemeente,
            schuldhulpverlening_gemeente=cmd.schuldhulpverlening_gemeente,
            inrichtingskosten_gemeente=cmd.inrichtingskosten_gemeente,
            inschrijving_gemeente=cmd.inschrijving_gemeente,
        )
    )
    await uow.commit()
    return UitstroomgereedView.model_validate(declared)


async def get_uitstroomgereed(
    verblijf_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> UitstroomgereedView:
    """The stay's latest ready-to-leave declaration, for whoever may see the stay."""
    found = await stay(uow, verblijf_id)
    await policy.ensure_may_see_stay(uow, who, ctx.reference, found)
    declared = await uow.ready_to_leave.latest(verblijf_id)
    if declared is None:
        raise NotFound(f"stay {verblijf_id} has not been declared ready to leave")
    await sharing.share_stays(uow, who, [found], ctx.clock())
    return UitstroomgereedView.model_validate(declared)
