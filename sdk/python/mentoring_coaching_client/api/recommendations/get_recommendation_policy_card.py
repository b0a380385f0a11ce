from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.policy_card import PolicyCard
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    locale: str | Unset = UNSET,
    policy_version: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    params["locale"] = locale

    json_policy_version: None | str | Unset
    if isinstance(policy_version, Unset):
        json_policy_version = UNSET
    else:
        json_policy_version = policy_version
    params["policy_version"] = json_policy_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/recommendations/policy-card",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PolicyCard | Problem | None:
    if response.status_code == 200:
        response_200 = PolicyCard.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = None
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PolicyCard | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    locale: str | Unset = UNSET,
    policy_version: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[PolicyCard | Problem]:
    """The policy card: intended use, inputs, factors and weights, limits, evidence

     Instructions for use of the recommendation for HR and integrators: intended purpose and users, what
    it must not be used for (promotion, dismissal), the inputs and how each is used (the "not said"
    rule), the factors and their weights, known limitations and failure modes, the evaluation figures
    the test suite produced, data handling and human-oversight guidance. In en, es, fr and de (`Accept-
    Language` or `locale`); for the policy in service, or any released `policy_version`. Every
    recommendation links here (`policy_card`, and a `Link` header).

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        locale (str | Unset):
        policy_version (None | str | Unset): A released policy version; the one in service by
            default.
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyCard | Problem]
    """

    kwargs = _get_kwargs(
        locale=locale,
        policy_version=policy_version,
        if_none_match=if_none_match,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    locale: str | Unset = UNSET,
    policy_version: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> PolicyCard | Problem | None:
    """The policy card: intended use, inputs, factors and weights, limits, evidence

     Instructions for use of the recommendation for HR and integrators: intended purpose and users, what
    it must not be used for (promotion, dismissal), the inputs and how each is used (the "not said"
    rule), the factors and their weights, known limitations and failure modes, the evaluation figures
    the test suite produced, data handling and human-oversight guidance. In en, es, fr and de (`Accept-
    Language` or `locale`); for the policy in service, or any released `policy_version`. Every
    recommendation links here (`policy_card`, and a `Link` header).

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        locale (str | Unset):
        policy_version (None | str | Unset): A released policy version; the one in service by
            default.
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyCard | Problem
    """

    return sync_detailed(
        client=client,
        locale=locale,
        policy_version=policy_version,
        if_none_match=if_none_match,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    locale: str | Unset = UNSET,
    policy_version: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[PolicyCard | Problem]:
    """The policy card: intended use, inputs, factors and weights, limits, evidence

     Instructions for use of the recommendation for HR and integrators: intended purpose and users, what
    it must not be used for (promotion, dismissal), the inputs and how each is used (the "not said"
    rule), the factors and their weights, known limitations and failure modes, the evaluation figures
    the test suite produced, data handling and human-oversight guidance. In en, es, fr and de (`Accept-
    Language` or `locale`); for the policy in service, or any released `policy_version`. Every
    recommendation links here (`policy_card`, and a `Link` header).

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        locale (str | Unset):
        policy_version (None | str | Unset): A released policy version; the one in service by
            default.
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyCard | Problem]
    """

    kwargs = _get_kwargs(
        locale=locale,
        policy_version=policy_version,
        if_none_match=if_none_match,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    locale: str | Unset = UNSET,
    policy_version: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> PolicyCard | Problem | None:
    """The policy card: intended use, inputs, factors and weights, limits, evidence

     Instructions for use of the recommendation for HR and integrators: intended purpose and users, what
    it must not be used for (promotion, dismissal), the inputs and how each is used (the "not said"
    rule), the factors and their weights, known limitations and failure modes, the evaluation figures
    the test suite produced, data handling and human-oversight guidance. In en, es, fr and de (`Accept-
    Language` or `locale`); for the policy in service, or any released `policy_version`. Every
    recommendation links here (`policy_card`, and a `Link` header).

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        locale (str | Unset):
        policy_version (None | str | Unset): A released policy version; the one in service by
            default.
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyCard | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            locale=locale,
            policy_version=policy_version,
            if_none_match=if_none_match,
            accept_language=accept_language,
        )
    ).parsed
