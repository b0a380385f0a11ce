from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.documents_summary import DocumentsSummary
from ...models.mode_change import ModeChange
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    organisation: str,
    *,
    body: ModeChange,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/organisations/{organisation}/trusted-documents".format(
            organisation=quote(str(organisation), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DocumentsSummary | Problem | None:
    if response.status_code == 200:
        response_200 = DocumentsSummary.from_dict(response.json())

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
) -> Response[DocumentsSummary | Problem]:
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
    body: ModeChange,
    if_match: str,
) -> Response[DocumentsSummary | Problem]:
    """Let the organisation's secret keys run only its trusted documents, or any

     Publishable keys always run only trusted documents. Needs `If-Match` with the listing's current
    `ETag` (428 without it, 412 when something changed since).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (ModeChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentsSummary | Problem]
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
    body: ModeChange,
    if_match: str,
) -> DocumentsSummary | Problem | None:
    """Let the organisation's secret keys run only its trusted documents, or any

     Publishable keys always run only trusted documents. Needs `If-Match` with the listing's current
    `ETag` (428 without it, 412 when something changed since).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (ModeChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentsSummary | Problem
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
    body: ModeChange,
    if_match: str,
) -> Response[DocumentsSummary | Problem]:
    """Let the organisation's secret keys run only its trusted documents, or any

     Publishable keys always run only trusted documents. Needs `If-Match` with the listing's current
    `ETag` (428 without it, 412 when something changed since).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (ModeChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentsSummary | Problem]
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
    body: ModeChange,
    if_match: str,
) -> DocumentsSummary | Problem | None:
    """Let the organisation's secret keys run only its trusted documents, or any

     Publishable keys always run only trusted documents. Needs `If-Match` with the listing's current
    `ETag` (428 without it, 412 when something changed since).

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_match (str):
        body (ModeChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentsSummary | Problem
    """

    return (
        await asyncio_detailed(
            organisation=organisation,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
