from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.documents_summary import DocumentsSummary
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    organisation: str,
    *,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/organisations/{organisation}/trusted-documents".format(
            organisation=quote(str(organisation), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DocumentsSummary | Problem | None:
    if response.status_code == 200:
        response_200 = DocumentsSummary.from_dict(response.json())

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
    if_none_match: str | Unset = UNSET,
) -> Response[DocumentsSummary | Problem]:
    """The organisation's trusted-document manifests and whether its secret keys run only them

     Recorded in the organisation's history. Its `ETag` is what changing the mode (`PUT`) needs in `If-
    Match`.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentsSummary | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> DocumentsSummary | Problem | None:
    """The organisation's trusted-document manifests and whether its secret keys run only them

     Recorded in the organisation's history. Its `ETag` is what changing the mode (`PUT`) needs in `If-
    Match`.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentsSummary | Problem
    """

    return sync_detailed(
        organisation=organisation,
        client=client,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    organisation: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[DocumentsSummary | Problem]:
    """The organisation's trusted-document manifests and whether its secret keys run only them

     Recorded in the organisation's history. Its `ETag` is what changing the mode (`PUT`) needs in `If-
    Match`.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentsSummary | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> DocumentsSummary | Problem | None:
    """The organisation's trusted-document manifests and whether its secret keys run only them

     Recorded in the organisation's history. Its `ETag` is what changing the mode (`PUT`) needs in `If-
    Match`.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        if_none_match (str | Unset):

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
            if_none_match=if_none_match,
        )
    ).parsed
