"""Identity, for central access: the worklist of possible duplicates, merging persons and splitting a merge."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from intake.entrypoints.deps import ContextDep, PageDep, PersoonId, SizeDep, UowDep
from intake.service_layer import duplicates, identification, merging
from intake.service_layer.identity_commands import IdentificeerPersoon, SplitsPersoon, VoegPersonenSamen, WijsDubbeleAf
from intake.service_layer.identity_views import IdentificatieView, MogelijkeDubbeleView, SamenvoegingView
from journey_platform.auth import PrincipalDep

router = APIRouter(tags=["personen"])
MogelijkeDubbeleId = Annotated[uuid.UUID, Path(alias="mogelijkeDubbeleId")]
SamenvoegingId = Annotated[uuid.UUID, Path(alias="samenvoegingId")]


@router.get(
    "/mogelijke-dubbelen",
    response_model=list[MogelijkeDubbeleView],
    operation_id="zoekMogelijkeDubbelen",
    summary="Worklist: persons that match on fewer fields than make one person, for central access to judge",
)
async def zoek_mogelijke_dubbelen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    status: Annotated[str | None, Query(pattern=r"^(open|samengevoegd|afgewezen)$")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[MogelijkeDubbeleView]:
    return await duplicates.list_mogelijke_dubbelen(uow, who, ctx, status=status, page=pagina, size=pagina_grootte)


@router.get(
    "/mogelijke-dubbelen/{mogelijkeDubbeleId}",
    response_model=MogelijkeDubbeleView,
    operation_id="haalMogelijkeDubbeleOp",
    summary="One possible duplicate, with both persons' details",
)
async def haal_mogelijke_dubbele_op(
    dubbele_id: MogelijkeDubbeleId, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> MogelijkeDubbeleView:
    return await duplicates.get_mogelijke_dubbele(dubbele_id, uow, who, ctx)


@router.post(
    "/mogelijke-dubbelen/{mogelijkeDubbeleId}/afwijzing",
    response_model=MogelijkeDubbeleView,
    operation_id="wijsMogelijkeDubbeleAf",
    summary="Judge a possible duplicate as two different people, with a reason",
)
async def wijs_mogelijke_dubbele_af(
    dubbele_id: MogelijkeDubbeleId, body: WijsDubbeleAf, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> MogelijkeDubbeleView:
    return await duplicates.wijs_af(dubbele_id, body, uow, who, ctx)


@router.post(
    "/samenvoegingen",
    status_code=201,
    response_model=SamenvoegingView,
    operation_id="voegPersonenSamen",
    summary="Merge two persons into one, with a reason: the absorbed person's journeys move to the surviving person",
)
async def voeg_personen_samen(body: VoegPersonenSamen, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> SamenvoegingView:
    return await merging.voeg_samen(
        body.overblijvend_persoon_id, body.opgaand_persoon_id, body.reden, body.mogelijke_dubbele_id, uow, who, ctx
    )


@router.get(
    "/samenvoegingen/{samenvoegingId}",
    response_model=SamenvoegingView,
    operation_id="haalSamenvoegingOp",
    summary="One merge, and its split if it was undone",
)
async def haal_samenvoeging_op(
    samenvoeging_id: SamenvoegingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> SamenvoegingView:
    return await merging.get_samenvoeging(samenvoeging_id, uow, who, ctx)


@router.post(
    "/splitsingen",
    status_code=201,
    response_model=SamenvoegingView,
    operation_id="splitsPersoon",
    summary="Undo a merge, with a reason: the merged journeys go back to the restored person",
)
async def splits_persoon(body: SplitsPersoon, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> SamenvoegingView:
    return await merging.splits(body.samenvoeging_id, body.reden, uow, who, ctx)


@router.post(
    "/personen/{persoonId}/identificatie",
    response_model=IdentificatieView,
    operation_id="identificeerPersoon",
    summary="The identity of a person known by an alias became known: link it (merged into a known person, or added)",
)
async def identificeer_persoon(
    persoon_id: PersoonId, body: IdentificeerPersoon, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> IdentificatieView:
    return await identification.identificeer(persoon_id, body, uow, who, ctx)
