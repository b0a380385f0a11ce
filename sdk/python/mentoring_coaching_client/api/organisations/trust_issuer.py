from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.issuer import Issuer
from ...models.issuer_create import IssuerCreate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    organisation: str,
    *,
    body: IssuerCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/organisations/{organisation}/issuers".format(
            organisation=quote(str(organisation), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Issuer | Problem | None:
    if response.status_code == 201:
        response_201 = Issuer.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Issuer | Problem]:
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
    body: IssuerCreate,
) -> Response[Issuer | Problem]:
    """Trust an identity provider: its access tokens will act for the organisation

     `issuer` is the exact `iss` of its tokens. Its signing keys are read at `jwks_uri`, or, without one,
    at the `jwks_uri` of its metadata (OpenID Connect Discovery, then RFC 8414), which must name the
    same issuer. The keys are read now: an issuer whose keys cannot be read, or hold no key of an
    accepted algorithm, is refused (400). An issuer is trusted by one organisation at most (409), and an
    organisation trusts at most 10.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        body (IssuerCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Issuer | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation: str,
    *,
    client: AuthenticatedClient,
    body: IssuerCreate,
) -> Issuer | Problem | None:
    """Trust an identity provider: its access tokens will act for the organisation

     `issuer` is the exact `iss` of its tokens. Its signing keys are read at `jwks_uri`, or, without one,
    at the `jwks_uri` of its metadata (OpenID Connect Discovery, then RFC 8414), which must name the
    same issuer. The keys are read now: an issuer whose keys cannot be read, or hold no key of an
    accepted algorithm, is refused (400). An issuer is trusted by one organisation at most (409), and an
    organisation trusts at most 10.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        body (IssuerCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Issuer | Problem
    """

    return sync_detailed(
        organisation=organisation,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    organisation: str,
    *,
    client: AuthenticatedClient,
    body: IssuerCreate,
) -> Response[Issuer | Problem]:
    """Trust an identity provider: its access tokens will act for the organisation

     `issuer` is the exact `iss` of its tokens. Its signing keys are read at `jwks_uri`, or, without one,
    at the `jwks_uri` of its metadata (OpenID Connect Discovery, then RFC 8414), which must name the
    same issuer. The keys are read now: an issuer whose keys cannot be read, or hold no key of an
    accepted algorithm, is refused (400). An issuer is trusted by one organisation at most (409), and an
    organisation trusts at most 10.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        body (IssuerCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Issuer | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation: str,
    *,
    client: AuthenticatedClient,
    body: IssuerCreate,
) -> Issuer | Problem | None:
    """Trust an identity provider: its access tokens will act for the organisation

     `issuer` is the exact `iss` of its tokens. Its signing keys are read at `jwks_uri`, or, without one,
    at the `jwks_uri` of its metadata (OpenID Connect Discovery, then RFC 8414), which must name the
    same issuer. The keys are read now: an issuer whose keys cannot be read, or hold no key of an
    accepted algorithm, is refused (400). An issuer is trusted by one organisation at most (409), and an
    organisation trusts at most 10.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        body (IssuerCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Issuer | Problem
    """

    return (
        await asyncio_detailed(
            organisation=organisation,
            client=client,
            body=body,
        )
    ).parsed
