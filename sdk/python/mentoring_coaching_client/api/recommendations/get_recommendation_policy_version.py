from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.policy_version import PolicyVersion
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    version: str,
    *,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/recommendations/policies/{version}".format(
            version=quote(str(version), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PolicyVersion | Problem | None:
    if response.status_code == 200:
        response_200 = PolicyVersion.from_dict(response.json())

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
) -> Response[PolicyVersion | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    version: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[PolicyVersion | Problem]:
    """One released policy version: its document as released, date and changelog

     Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        version (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyVersion | Problem]
    """

    kwargs = _get_kwargs(
        version=version,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    version: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> PolicyVersion | Problem | None:
    """One released policy version: its document as released, date and changelog

     Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        version (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyVersion | Problem
    """

    return sync_detailed(
        version=version,
        client=client,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    version: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[PolicyVersion | Problem]:
    """One released policy version: its document as released, date and changelog

     Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        version (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyVersion | Problem]
    """

    kwargs = _get_kwargs(
        version=version,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    version: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> PolicyVersion | Problem | None:
    """One released policy version: its document as released, date and changelog

     Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        version (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyVersion | Problem
    """

    return (
        await asyncio_detailed(
            version=version,
            client=client,
            if_none_match=if_none_match,
        )
    ).parsed
