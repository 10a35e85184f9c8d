"""Bearer-token verification (RS256 JWT) and the caller as a Principal.

Claims name the organisation and roles:
  org_type  gemeente | centrale-toegang | zorgaanbieder | woningcorporatie
  org_id    CBS code (GM0193), central access id (CT-IJSSEL-VECHT), provider or corporation id
  region    the region code, for a central access point
  roles     e.g. ["medewerker"]
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from journey_platform.reference import ReferenceData
from journey_platform.settings import ServiceSettings
from journey_platform.web.problems import Forbidden, Unauthorized


class OrgType(StrEnum):
    gemeente = "gemeente"
    centrale_toegang = "centrale-toegang"
    zorgaanbieder = "zorgaanbieder"
    woningcorporatie = "woningcorporatie"


@dataclass(frozen=True)
class Principal:
    subject: str
    org_type: OrgType
    org_id: str
    region: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_local_team(self) -> bool:
        return self.org_type is OrgType.gemeente

    @property
    def is_central_access(self) -> bool:
        return self.org_type is OrgType.centrale_toegang

    def may_see_municipalities(self, municipalities: AbstractSet[str | None], reference: ReferenceData) -> bool:
        """The foundation rule: a local team sees its own municipality's journeys (responsible,
        or where reported); a central access point those of its region."""
        known = {m for m in municipalities if m}
        if self.is_local_team:
            return self.org_id in known
        if self.is_central_access:
            return any(reference.region_of(m) == self.region for m in known)
        return False

    def require(self, *org_types: OrgType) -> None:
        if self.org_type not in org_types:
            allowed = ", ".join(t.value for t in org_types)
            raise Forbidden(f"only {allowed} may do this")


class TokenVerifier:
    ALGORITHMS = ["RS256"]

    def __init__(self, settings: ServiceSettings, reference: ReferenceData) -> None:
        self._issuer = settings.auth_issuer
        self._audience = settings.auth_audience
        self._reference = reference
        self._jwks_client = jwt.PyJWKClient(settings.auth_jwks_url) if settings.auth_jwks_url else None
        self._keys: dict[str, Any] = {}
        if self._jwks_client is None and settings.auth_jwks_file is not None and settings.auth_jwks_file.exists():
            keyset = jwt.PyJWKSet.from_dict(json.loads(settings.auth_jwks_file.read_text()))
            self._keys = {k.key_id: k.key for k in keyset.keys if k.key_id is not None}

    def _key_for(self, token: str) -> Any:
        if self._jwks_client is not None:
            return self._jwks_client.get_signing_key_from_jwt(token).key
        kid = jwt.get_unverified_header(token).get("kid")
        if kid not in self._keys:
            raise Unauthorized("token signed with an unknown key")
        return self._keys[kid]

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._key_for(token),
                algorithms=self.ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"invalid token: {exc}") from exc
        return self._principal(claims)

    def _principal(self, claims: dict[str, Any]) -> Principal:
        try:
            org_type = OrgType(str(claims.get("org_type")))
        except ValueError as exc:
            raise Unauthorized("token names no known organisation type") from exc
        org_id = str(claims.get("org_id") or "")
        if not org_id:
            raise Unauthorized("token names no organisation")
        region = claims.get("region")
        if org_type is OrgType.gemeente:
            if not self._reference.is_known_municipality(org_id):
                raise Unauthorized("token names an unknown municipality")
            region = self._reference.region_of(org_id)
        elif org_type is OrgType.centrale_toegang:
            region = self._reference.central_access_region(org_id)
            if region is None:
                raise Unauthorized("token names an unknown central access point")
        roles = claims.get("roles") or []
        return Principal(subject=str(claims["sub"]), org_type=org_type, org_id=org_id, region=region, roles=frozenset(roles))


_bearer = HTTPBearer(auto_error=False, description="OAuth2 bearer JWT (RS256).")


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token is required")
    verifier: TokenVerifier = request.app.state.container.token_verifier
    principal = verifier.verify(credentials.credentials)
    request.state.principal = principal
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
