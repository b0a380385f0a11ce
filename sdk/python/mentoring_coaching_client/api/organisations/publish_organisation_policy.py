from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.organisation_policy_document import OrganisationPolicyDocument
from ...models.problem import Problem
from ...models.published_policy import PublishedPolicy
from ...types import Response


def _get_kwargs(
    organisation: str,
    *,
    body: OrganisationPolicyDocument,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/organisations/{organisation}/policy".format(
            organisation=quote(str(organisation), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublishedPolicy | None:
    if response.status_code == 201:
        response_201 = PublishedPolicy.from_dict(response.json())

        return response_201

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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
) -> Response[Problem | PublishedPolicy]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organisation: str,
    *,
    client: AuthenticatedClient,
    body: OrganisationPolicyDocument,
    if_match: str,
) -> Response[Problem | PublishedPolicy]:
    """Publish a new version of the organisation's policy

     Weights (a multiplier of 0.5 to 2 per factor, scaled back to a sum of 1), variants not offered
    (never recommended, and listed in every answer) and context defaults (replace what a caller did not
    say, never what it said). Needs a key of this organisation (another organisation's key gets 404) and
    `If-Match` with the current ETag: 428 without it, 412 when another publication came first (checked
    before anything else). Every version is kept, with the key and time, up to 10,000 per organisation
    (then 409).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (OrganisationPolicyDocument): What an organisation changes; everything left out stays
            as released.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublishedPolicy]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation: str,
    *,
    client: AuthenticatedClient,
    body: OrganisationPolicyDocument,
    if_match: str,
) -> Problem | PublishedPolicy | None:
    """Publish a new version of the organisation's policy

     Weights (a multiplier of 0.5 to 2 per factor, scaled back to a sum of 1), variants not offered
    (never recommended, and listed in every answer) and context defaults (replace what a caller did not
    say, never what it said). Needs a key of this organisation (another organisation's key gets 404) and
    `If-Match` with the current ETag: 428 without it, 412 when another publication came first (checked
    before anything else). Every version is kept, with the key and time, up to 10,000 per organisation
    (then 409).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (OrganisationPolicyDocument): What an organisation changes; everything left out stays
            as released.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublishedPolicy
    """

    return sync_detailed(
        organisation=organisation,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    organisation: str,
    *,
    client: AuthenticatedClient,
    body: OrganisationPolicyDocument,
    if_match: str,
) -> Response[Problem | PublishedPolicy]:
    """Publish a new version of the organisation's policy

     Weights (a multiplier of 0.5 to 2 per factor, scaled back to a sum of 1), variants not offered
    (never recommended, and listed in every answer) and context defaults (replace what a caller did not
    say, never what it said). Needs a key of this organisation (another organisation's key gets 404) and
    `If-Match` with the current ETag: 428 without it, 412 when another publication came first (checked
    before anything else). Every version is kept, with the key and time, up to 10,000 per organisation
    (then 409).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (OrganisationPolicyDocument): What an organisation changes; everything left out stays
            as released.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublishedPolicy]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation: str,
    *,
    client: AuthenticatedClient,
    body: OrganisationPolicyDocument,
    if_match: str,
) -> Problem | PublishedPolicy | None:
    """Publish a new version of the organisation's policy

     Weights (a multiplier of 0.5 to 2 per factor, scaled back to a sum of 1), variants not offered
    (never recommended, and listed in every answer) and context defaults (replace what a caller did not
    say, never what it said). Needs a key of this organisation (another organisation's key gets 404) and
    `If-Match` with the current ETag: 428 without it, 412 when another publication came first (checked
    before anything else). Every version is kept, with the key and time, up to 10,000 per organisation
    (then 409).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (OrganisationPolicyDocument): What an organisation changes; everything left out stays
            as released.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublishedPolicy
    """

    return (
        await asyncio_detailed(
            organisation=organisation,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
