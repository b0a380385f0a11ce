from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recommendation import Recommendation
from ...models.replay_request import ReplayRequest
from ...types import Response


def _get_kwargs(
    *,
    body: ReplayRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/recommendations/replay",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Recommendation | None:
    if response.status_code == 200:
        response_200 = Recommendation.from_dict(response.json())

        return response_200

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

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
) -> Response[Problem | Recommendation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ReplayRequest,
) -> Response[Problem | Recommendation]:
    """Make a past recommendation again, byte for byte

     Give the situation and the versions a recommendation named (its `policy_version`, `content_version`,
    `locale` and, for an organisation's keys, `organisation_policy_version`): the answer is exactly the
    bytes the original call returned, for any version the service has released. With `decision_id`, an
    id made from other inputs is a 409 naming the inputs that differ. Nothing is stored.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        body (ReplayRequest): The inputs of a past recommendation, as its answer named them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ReplayRequest,
) -> Problem | Recommendation | None:
    """Make a past recommendation again, byte for byte

     Give the situation and the versions a recommendation named (its `policy_version`, `content_version`,
    `locale` and, for an organisation's keys, `organisation_policy_version`): the answer is exactly the
    bytes the original call returned, for any version the service has released. With `decision_id`, an
    id made from other inputs is a 409 naming the inputs that differ. Nothing is stored.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        body (ReplayRequest): The inputs of a past recommendation, as its answer named them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendation
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ReplayRequest,
) -> Response[Problem | Recommendation]:
    """Make a past recommendation again, byte for byte

     Give the situation and the versions a recommendation named (its `policy_version`, `content_version`,
    `locale` and, for an organisation's keys, `organisation_policy_version`): the answer is exactly the
    bytes the original call returned, for any version the service has released. With `decision_id`, an
    id made from other inputs is a 409 naming the inputs that differ. Nothing is stored.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        body (ReplayRequest): The inputs of a past recommendation, as its answer named them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ReplayRequest,
) -> Problem | Recommendation | None:
    """Make a past recommendation again, byte for byte

     Give the situation and the versions a recommendation named (its `policy_version`, `content_version`,
    `locale` and, for an organisation's keys, `organisation_policy_version`): the answer is exactly the
    bytes the original call returned, for any version the service has released. With `decision_id`, an
    id made from other inputs is a 409 naming the inputs that differ. Nothing is stored.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        body (ReplayRequest): The inputs of a past recommendation, as its answer named them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendation
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
