"""Schemathesis hooks of the REST contract run (`SCHEMATHESIS_HOOKS=tests.contract.hooks`).

`documented_refusals` replaces the built-in `positive_data_acceptance` (switched off in
tests/contract/schemathesis.toml): a request the schema allows must be accepted, except for the
refusals in ALLOWANCES, each of which depends on data the schema cannot know (which ETag is
current, which release is the latest, which decisions were made, which hosts resolve). Each
allowance names the operation, the status, the problem `code` and the field the server must
give: any other refusal of valid data fails, even with an allowed status. The same table, with
its reasons, is in docs/contract.md; tests/contract/test_hooks.py checks that the two agree.
"""

from dataclasses import dataclass
from typing import Any

import schemathesis


@dataclass(frozen=True)
class Allowance:
    operation: str  # "METHOD /path" as schemathesis labels it
    status: int
    code: str  # the problem's `code`
    fields: tuple[str, ...]  # the problem's first `errors[].field` is one of these (any if empty)
    reason: str


_POLICY = "/v1/organisations/{organisation}/policy"
_MODE = "/v1/organisations/{organisation}/trusted-documents"
ALLOWANCES = (
    Allowance(
        f"PUT {_POLICY}",
        412,
        "precondition-failed",
        (),
        "`If-Match` is required; a generated ETag is not the current one",
    ),
    Allowance(
        f"PUT {_MODE}",
        412,
        "precondition-failed",
        (),
        "`If-Match` is required; a generated ETag is not the current one",
    ),
    Allowance(
        "GET /v1/changes",
        400,
        "invalid-parameter",
        ("since",),
        "`since` after the latest release: the latest release is data, not schema",
    ),
    Allowance(
        "GET /v1/changes",
        410,
        "history-expired",
        (),
        "`since` before the kept history: how far it reaches is data",
    ),
    Allowance(
        "POST /v1/recommendations/replay",
        400,
        "invalid-parameter",
        (
            "policy_version",
            "content_version",
            "organisation_policy_version",
            "locale",
            "decision_id",
        ),
        "inputs that no recommendation had (a policy version the content version was not "
        "released with, an organisation policy version or locale that did not apply, a decision "
        "id made under a key this deployment does not hold: its key id is data)",
    ),
    Allowance(
        "POST /v1/recommendations/replay",
        404,
        "not-found",
        (),
        "a content version, organisation policy version or decision id that does not exist",
    ),
    Allowance(
        "POST /v1/webhooks",
        400,
        "invalid-parameter",
        ("url",),
        "a host that does not resolve from the server (the example's `example.com` names are "
        "reserved, RFC 2606, and the test machine has no DNS), or resolves to a refused address",
    ),
    Allowance(
        "POST /v1/recommendations/replay",
        409,
        "decision-mismatch",
        (),
        "a decision id whose recorded inputs differ from the ones sent: what was decided is data",
    ),
    Allowance(
        "PUT /v1/organisations/{organisation}/trusted-documents/manifests/{manifest}",
        400,
        "invalid-parameter",
        ("body",),
        "each document must parse and validate against the GraphQL schema within its cost: a "
        "JSON Schema cannot say which strings are such documents",
    ),
    Allowance(
        f"PUT {_POLICY}",
        400,
        "invalid-parameter",
        ("body",),
        "`not_offered` names variants the current content does not have, or leaves no "
        "mentoring or no coaching variant: the catalogue is data",
    ),
    Allowance(
        "POST /v1/organisations/{organisation}/issuers",
        400,
        "invalid-parameter",
        ("issuer", "jwks_uri"),
        "an issuer whose discovery document or JWKS cannot be fetched from the server (no "
        "network in the test run), or that names a refused address",
    ),
    *(
        Allowance(
            operation,
            400,
            "invalid-parameter",
            ("cursor",),
            "a keyset cursor names a position in data (a release, a change, a subscription); "
            "a string of the right form that the API did not issue is refused",
        )
        for operation in (
            "GET /v1/releases",
            "GET /v1/changes",
            "GET /v1/webhooks",
            "GET /v1/webhooks/{webhook_id}/deliveries",
        )
    ),
)


def _problem(response: Any) -> tuple[str | None, str | None]:
    try:
        body = response.json()
    except ValueError:
        return None, None
    if not isinstance(body, dict):
        return None, None
    errors = body.get("errors") or []
    field = errors[0].get("field") if errors and isinstance(errors[0], dict) else None
    return body.get("code"), field


def allowed(operation: str, status: int, code: str | None, field: str | None) -> bool:
    return any(
        a.operation == operation
        and a.status == status
        and a.code == code
        and (not a.fields or field in a.fields)
        for a in ALLOWANCES
    )


# 401 and 403 are what the authentication checks provoke; 404 names an identifier the run
# did not create (a generated slug or id), the default of schemathesis' own check.
ALWAYS_ALLOWED = frozenset({401, 403, 404})


@schemathesis.check
def documented_refusals(ctx: Any, response: Any, case: Any) -> bool | None:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status >= 500 or status in ALWAYS_ALLOWED:
        return None
    code, field = _problem(response)
    label = f"{case.method.upper()} {case.operation.path}"
    if allowed(label, status, code, field):
        return None
    raise AssertionError(
        f"Valid data refused: {status} {code} ({field}) is not an allowance of {label} "
        "(tests/contract/hooks.py, docs/contract.md)"
    )
