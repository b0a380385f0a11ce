from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.release_page import ReleasePage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/releases",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReleasePage | None:
    if response.status_code == 200:
        response_200 = ReleasePage.from_dict(response.json())

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
) -> Response[Problem | ReleasePage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Problem | ReleasePage]:
    """Content releases, newest first

     Every content load that changed something is a release.

    Needs an API key with the scope `content:read` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReleasePage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Problem | ReleasePage | None:
    """Content releases, newest first

     Every content load that changed something is a release.

    Needs an API key with the scope `content:read` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReleasePage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Problem | ReleasePage]:
    """Content releases, newest first

     Every content load that changed something is a release.

    Needs an API key with the scope `content:read` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReleasePage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Problem | ReleasePage | None:
    """Content releases, newest first

     Every content load that changed something is a release.

    Needs an API key with the scope `content:read` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReleasePage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            if_none_match=if_none_match,
        )
    ).parsed
