"""Development token issuer: a local RSA key pair and a command that mints tokens.

Never used in production (settings refuse the development issuer there).

    python -m journey_platform.devissuer --org-type gemeente --org-id GM0193
"""

from __future__ import annotations

import argparse
import json
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from journey_platform.settings import DEV_SIGNING_DIR

DEV_ISSUER = "urn:opvangketen:dev-issuer"
DEV_AUDIENCE = "opvangketen"


class DevIssuer:
    def __init__(self, directory: Path = DEV_SIGNING_DIR, issuer: str = DEV_ISSUER, audience: str = DEV_AUDIENCE) -> None:
        self.directory = Path(directory)
        self.issuer = issuer
        self.audience = audience
        self._private_key = self._load_or_create()
        self.kid = "dev-" + self._thumb()

    @property
    def jwks_file(self) -> Path:
        return self.directory / "jwks.json"

    def _load_or_create(self) -> rsa.RSAPrivateKey:
        key_file = self.directory / "signing-key.pem"
        if key_file.exists():
            key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            return key
        self.directory.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_file.write_bytes(
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )
        key_file.chmod(0o600)
        return key

    def _thumb(self) -> str:
        numbers = self._private_key.public_key().public_numbers()
        return format(numbers.n % (1 << 40), "x")

    def write_jwks(self) -> Path:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._private_key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        self.jwks_file.write_text(json.dumps({"keys": [jwk]}, indent=2))
        return self.jwks_file

    def mint(
        self,
        org_type: str,
        org_id: str,
        roles: list[str] | None = None,
        subject: str | None = None,
        ttl_seconds: int = 8 * 3600,
        **extra: Any,
    ) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject or f"dev-{org_id.lower()}-{uuid.uuid4().hex[:6]}",
            "iat": now,
            "exp": now + ttl_seconds,
            "org_type": org_type,
            "org_id": org_id,
            "roles": roles or ["medewerker"],
            **extra,
        }
        return self.sign(claims)

    def sign(self, claims: dict[str, Any], headers: dict[str, Any] | None = None) -> str:
        """Any claims, signed with the development key (tests of what the services refuse)."""
        return jwt.encode(claims, self._private_key, algorithm="RS256", headers={"kid": self.kid, **(headers or {})})


def main() -> None:
    parser = argparse.ArgumentParser(description="Mint a development token.")
    parser.add_argument(
        "--org-type",
        default="centrale-toegang",
        choices=["gemeente", "centrale-toegang", "zorgaanbieder", "woningcorporatie", "adviesraad"],
    )
    parser.add_argument("--org-id", default="CT-IJSSEL-VECHT")
    parser.add_argument("--role", action="append", dest="roles")
    parser.add_argument("--dir", type=Path, default=DEV_SIGNING_DIR)
    parser.add_argument("--init", action="store_true", help="only create the key pair and JWKS file")
    args = parser.parse_args()
    issuer = DevIssuer(args.dir)
    issuer.write_jwks()
    if not args.init:
        print(issuer.mint(args.org_type, args.org_id, args.roles))


if __name__ == "__main__":
    main()
