"""OAuth 2.0 access tokens (RFC 9068 JWTs) from the identity providers organisations trust.

A bearer credential with three dot-separated parts is a token, not an API key. It is accepted
when, in this order:

1. its header says `typ: at+jwt` and an accepted algorithm (OAUTH_ALGORITHMS: RS256, ES256,
   EdDSA; `none` and HMAC never), and it is at most `MAX_TOKEN_LENGTH` characters;
2. its `iss` is exactly an issuer some organisation trusts (`trusted_issuers.py`); that
   organisation is the caller's, whatever else the token says;
3. its signature verifies with that issuer's key named by `kid` (`issuers.py` fetches the
   issuer's keys, at most once per cooldown for a `kid` it does not hold);
4. its `aud` contains this service's resource identifier (RFC 8707), `exp`, `nbf` and `iat`
   hold within OAUTH_LEEWAY_SECONDS, and it has every claim RFC 9068 requires.

Its `scope` (space-separated) grants the service's scopes it names (`content:read`,
`recommend`, `admin`); others are ignored. The caller is an `Identity` whose `key_id` is the
client's (`client_key_id`): rate limits count per client as they count per key.
"""

import hashlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import jwt
from jwt import PyJWK
from jwt.exceptions import (
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidSignatureError,
    MissingRequiredClaimError,
    PyJWTError,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from service.config import Settings
from service.security.identity import Identity
from service.security.issuers import OutboundPolicy, SigningKeys, TrustedIssuer
from service.security.scopes import Scope
from service.security.trusted_issuers import IssuerDirectory

MAX_TOKEN_LENGTH = 8192
ACCESS_TOKEN_TYPES = frozenset({"at+jwt", "application/at+jwt"})
REQUIRED_CLAIMS = ("iss", "exp", "aud", "sub", "client_id", "iat", "jti")
SERVICE_SCOPES = frozenset(scope.value for scope in Scope)


METADATA_PATH = "/.well-known/oauth-protected-resource"


def metadata_url(resource: str | None) -> str | None:
    """Where the RFC 9728 metadata of `resource` is (its origin, then the well-known path)."""
    if resource is None:
        return None
    parts = urlsplit(resource)
    return f"{parts.scheme}://{parts.netloc}{METADATA_PATH}"


class TokenRefused(Exception):
    """The token cannot be accepted; the message tells the client why (RFC 6750 invalid_token)."""


def looks_like_jwt(credential: str) -> bool:
    """A JWS in compact form has three parts; an API key (`mck_<id>_<secret>`) has one."""
    return credential.count(".") == 2


def client_key_id(trusted: TrustedIssuer, client_id: str) -> str:
    """What a token's client is known as where a key id goes (16 characters): its rate limit,
    and `published_by`/`changed_by` in the organisation's history."""
    digest = hashlib.sha256(f"{trusted.issuer}\n{client_id}".encode()).hexdigest()
    return f"client-{digest[:9]}"


def granted_scopes(claim: Any) -> frozenset[str]:
    if not isinstance(claim, str):
        return frozenset()
    return frozenset(claim.split()) & SERVICE_SCOPES


def _quoted(value: Any) -> str:
    return repr(str(value)[:200])


class TokenVerifier:
    """Verifies access tokens for the admission middleware (one per application)."""

    def __init__(
        self,
        resource: str | None,
        algorithms: Sequence[str],
        leeway_seconds: float,
        directory: IssuerDirectory,
        keys: SigningKeys,
    ) -> None:
        self.resource = resource
        self.algorithms = tuple(algorithms)
        self.leeway_seconds = leeway_seconds
        self.directory = directory
        self.keys = keys

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenVerifier":
        algorithms = settings.oauth_algorithm_list
        keys = SigningKeys(
            OutboundPolicy(tuple(settings.oauth_issuer_network_list)),
            algorithms,
            refresh_seconds=settings.oauth_keys_refresh_seconds,
            cooldown_seconds=settings.oauth_keys_cooldown_seconds,
            max_staleness_seconds=settings.oauth_keys_max_staleness_seconds,
        )
        return cls(
            settings.oauth_resource_identifier,
            algorithms,
            settings.oauth_leeway_seconds,
            IssuerDirectory(settings.api_key_cache_seconds),
            keys,
        )

    async def verify(self, engine: AsyncEngine, token: str) -> Identity:
        """The token's caller, or `TokenRefused`; `IssuerUnavailable` when its issuer's keys
        cannot be known now, `IssuersUnverifiable` when the trusted issuers cannot be read."""
        if self.resource is None:
            raise TokenRefused(
                "This service accepts no access tokens (it has no resource identifier): "
                "send an API key."
            )
        if len(token) > MAX_TOKEN_LENGTH:
            raise TokenRefused(f"The access token is longer than {MAX_TOKEN_LENGTH} characters.")
        try:
            parsed = jwt.decode_complete(token, options={"verify_signature": False})
        except PyJWTError:
            raise TokenRefused("The access token is not a well-formed JWT.") from None
        header, unverified = parsed["header"], parsed["payload"]
        algorithm = header.get("alg")
        if algorithm not in self.algorithms:
            raise TokenRefused(
                f"The access token's algorithm {_quoted(algorithm)} is not accepted; "
                f"accepted: {', '.join(self.algorithms)}."
            )
        token_type = header.get("typ")
        if not isinstance(token_type, str) or token_type.lower() not in ACCESS_TOKEN_TYPES:
            raise TokenRefused(
                "The token is not an access token: its header must say `typ: at+jwt` (RFC 9068)."
            )
        if "crit" in header:
            raise TokenRefused("The access token names critical header parameters (`crit`).")
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise TokenRefused("The access token's `kid` is not a string.")
        issuer = unverified.get("iss")
        if not isinstance(issuer, str):
            raise TokenRefused("The access token names no issuer (`iss`).")
        trusted = await self.directory.lookup(engine, issuer)
        if trusted is None:
            raise TokenRefused(f"No organisation trusts the issuer {_quoted(issuer)}.")
        candidates = await self.keys.candidates(trusted, kid, algorithm)
        if not candidates:
            named = f"`kid` {_quoted(kid)}" if kid is not None else f"no `kid`, {algorithm}"
            raise TokenRefused(
                f"The access token's signing key ({named}) is not among its issuer's keys."
            )
        claims = self._claims(token, candidates, trusted)
        client_id = claims["client_id"]
        if not isinstance(client_id, str) or not client_id:
            raise TokenRefused("The access token's `client_id` is not a string.")
        return Identity(
            key_id=client_key_id(trusted, client_id),
            name=client_id[:200],
            scopes=granted_scopes(claims.get("scope")),
            organisation=trusted.organisation,
            client_id=client_id,
        )

    def _claims(
        self, token: str, candidates: Sequence[PyJWK], trusted: TrustedIssuer
    ) -> dict[str, Any]:
        failure: PyJWTError | None = None
        for key in candidates:  # one, when the token names its key (a few at most without)
            try:
                return jwt.decode(
                    token,
                    key=key,
                    algorithms=self.algorithms,
                    audience=self.resource,
                    issuer=trusted.issuer,
                    leeway=self.leeway_seconds,
                    options={"require": list(REQUIRED_CLAIMS), "enforce_minimum_key_length": True},
                )
            except InvalidSignatureError as exc:
                failure = exc
            except PyJWTError as exc:
                raise TokenRefused(self._reason(exc)) from None
        assert failure is not None
        raise TokenRefused(self._reason(failure))

    def _reason(self, exc: PyJWTError) -> str:
        if isinstance(exc, ExpiredSignatureError):
            return "The access token has expired."
        if isinstance(exc, ImmatureSignatureError):
            return "The access token is not valid yet (its `nbf` or `iat` is in the future)."
        if isinstance(exc, InvalidAudienceError):
            return (
                "The access token is not meant for this service: its `aud` must contain "
                f"{self.resource}."
            )
        if isinstance(exc, MissingRequiredClaimError):
            return f"The access token lacks the claim `{exc.claim}` (RFC 9068)."
        if isinstance(exc, InvalidSignatureError):
            return "The access token's signature does not verify."
        if isinstance(exc, InvalidAlgorithmError):
            return "The access token's algorithm is not the one its signing key is for."
        return f"The access token is invalid: {str(exc)[:200]}"
