"""Bearer-token verification (RS256 JWT) and the caller as a Principal.

Claims name the organisation and roles:
  org_type  gemeente | centrale-toegang | zorgaanbieder | woningcorporatie | adviesraad
  org_id    CBS code (GM0193), central access id (CT-IJSSEL-VECHT), provider or corporation id, advisory council
            id (PR-GM0193: its municipality and region come from the reference data)
  region    the region code, for a central access point
  roles     e.g. ["medewerker"]

Every claim is checked strictly (type, length, characters): a malformed claim is 401, whatever it holds.
A request's token is verified once: the rate limiter and the `current_principal` dependency share the
outcome through the request's state (`verified_principal`). A client sends the same token with many requests: a
token that verified is remembered (the exact token, signature and all) for at most `VERIFIED_SECONDS` and never past
its `exp`, so its RSA signature is checked about once a minute rather than per request (issue 18); a refusal is
not remembered.
"""

from __future__ import annotations

__all__ = ["OrgType", "Principal", "PrincipalDep", "TokenVerifier", "current_principal", "verified_principal"]

import json
import time
from collections import OrderedDict
from collections.abc import MutableMapping
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, ValidationError

from journey_platform.errors import DomainError, Unauthorized
from journey_platform.jwks import JwksCache
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData
from journey_platform.settings import ServiceSettings
from journey_platform.web.values import refuse_control_characters

# Identifiers in claims: an organisation (GM0193, CT-IJSSEL-VECHT, leger-des-heils), a region, a role.
_IDENTIFIER = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,59}$"
_SafeText = Annotated[StrictStr, AfterValidator(refuse_control_characters)]


class Claims(BaseModel):
    """The claims this platform reads, each strictly typed; other claims are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sub: Annotated[_SafeText, Field(min_length=1, max_length=255)]
    org_type: OrgType
    org_id: Annotated[StrictStr, Field(pattern=_IDENTIFIER)]
    region: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,59}$")] | None = None
    roles: Annotated[list[Annotated[StrictStr, Field(pattern=_IDENTIFIER)]], Field(max_length=50)] = []


def parse_claims(claims: dict[str, Any]) -> Claims:
    try:
        return Claims.model_validate(claims)
    except ValidationError as exc:
        bad = ", ".join(sorted({str(err["loc"][0]) for err in exc.errors() if err["loc"]}))
        raise Unauthorized(f"token claims malformed: {bad or 'claims'}") from exc


class TokenVerifier:
    ALGORITHMS = ["RS256"]
    VERIFIED_SECONDS = 60.0  # well within the JWKS cache's lifetime: a withdrawn key is not honoured longer
    VERIFIED_TOKENS = 4096  # the most recently used are kept

    def __init__(self, settings: ServiceSettings, reference: ReferenceData) -> None:
        self._issuer = settings.auth_issuer
        self._audience = settings.auth_audience
        self._reference = reference
        self._jwks: JwksCache | None = None
        if settings.auth_jwks_url:
            self._jwks = JwksCache(
                settings.auth_jwks_url,
                cache_seconds=settings.auth_jwks_cache_seconds,
                min_refetch_seconds=settings.auth_jwks_min_refetch_seconds,
            )
        self._keys: dict[str, Any] = {}
        self._verified: OrderedDict[str, tuple[float, Principal]] = OrderedDict()  # token → (until, principal)
        if self._jwks is None and settings.auth_jwks_file is not None and settings.auth_jwks_file.exists():
            keyset = jwt.PyJWKSet.from_dict(json.loads(settings.auth_jwks_file.read_text()))
            self._keys = {k.key_id: k.key for k in keyset.keys if k.key_id}

    async def _key_for(self, token: str) -> Any:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"invalid token: {token_error(exc)}") from exc
        if not isinstance(kid, str) or not kid or len(kid) > 200:
            raise Unauthorized("token names no signing key (kid)")
        if self._jwks is not None:
            return await self._jwks.key(kid)
        if kid not in self._keys:
            raise Unauthorized("token signed with an unknown key")
        return self._keys[kid]

    async def verify(self, token: str) -> Principal:
        known = self._verified.get(token)
        if known is not None:
            if time.time() < known[0]:
                self._verified.move_to_end(token)
                return known[1]
            del self._verified[token]
        principal, expires = await self._verify(token)
        self._verified[token] = (min(expires, time.time() + self.VERIFIED_SECONDS), principal)
        if len(self._verified) > self.VERIFIED_TOKENS:
            self._verified.popitem(last=False)
        return principal

    async def _verify(self, token: str) -> tuple[Principal, float]:
        """The principal and the token's expiry (epoch seconds), after checking signature and claims."""
        key = await self._key_for(token)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=self.ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"invalid token: {token_error(exc)}") from exc
        return self._principal(claims), float(claims["exp"])

    def _principal(self, raw: dict[str, Any]) -> Principal:
        claims = parse_claims(raw)
        org_type, org_id, region = claims.org_type, claims.org_id, claims.region
        if org_type is OrgType.gemeente:
            if not self._reference.is_known_municipality(org_id):
                raise Unauthorized("token names an unknown municipality")
            region = self._reference.region_of(org_id)
        elif org_type is OrgType.centrale_toegang:
            region = self._reference.central_access_region(org_id)
            if region is None:
                raise Unauthorized("token names an unknown central access point")
        municipality = None
        if org_type is OrgType.adviesraad:
            council = self._reference.advisory_council(org_id)
            if council is None:
                raise Unauthorized("token names an unknown advisory council")
            region, municipality = council[0], council[1].municipality
        return Principal(
            subject=claims.sub,
            org_type=org_type,
            org_id=org_id,
            region=region,
            roles=frozenset(claims.roles),
            municipality=municipality,
        )


_VERIFIED = "verified_token"


async def verified_principal(state: MutableMapping[str, Any], verifier: TokenVerifier, token: str) -> Principal:
    """The principal of `token`, verified at most once per request: `state` is the request's state (the ASGI
    scope's "state"), where the outcome (principal or refusal) is kept for whoever asks next."""
    known = state.get(_VERIFIED)
    if known is not None and known[0] == token:
        outcome = known[1]
        if isinstance(outcome, DomainError):
            raise outcome
        return outcome  # type: ignore[no-any-return]  # a Principal, stored below
    try:
        principal = await verifier.verify(token)
    except DomainError as exc:
        state[_VERIFIED] = (token, exc)
        raise
    state[_VERIFIED] = (token, principal)
    return principal


def token_error(exc: jwt.PyJWTError) -> str:
    """What was wrong with a token, in words a caller can act on; never the decoder's own message."""
    if isinstance(exc, jwt.ExpiredSignatureError):
        return "it has expired; get a new one"
    if isinstance(exc, jwt.ImmatureSignatureError):
        return "it is not valid yet (iat or nbf lies in the future)"
    if isinstance(exc, jwt.InvalidAudienceError):
        return "it is not meant for this platform (aud)"
    if isinstance(exc, jwt.InvalidIssuerError):
        return "it is from an issuer this platform does not trust (iss)"
    if isinstance(exc, jwt.MissingRequiredClaimError):
        return f"it lacks the {exc.claim} claim"
    if isinstance(exc, jwt.InvalidAlgorithmError):
        return "it is not signed with RS256"
    if isinstance(exc, jwt.InvalidSignatureError):
        return "its signature does not verify"
    if isinstance(exc, jwt.PyJWKClientError):
        return "its signing key could not be found"
    return "it is not a well-formed signed JWT (header.payload.signature, base64url)"


_bearer = HTTPBearer(auto_error=False, description="OAuth2 bearer JWT (RS256).")


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token is required")
    verifier: TokenVerifier = request.app.state.container.token_verifier
    request.scope.setdefault("state", {})
    principal = await verified_principal(request.scope["state"], verifier, credentials.credentials)
    request.state.principal = principal
    principal.ensure_council_may_call(getattr(request.scope.get("route"), "operation_id", None))
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
