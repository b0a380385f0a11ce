from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recommendation import Recommendation
from ...models.situation import Situation
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Situation,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    params["locale"] = locale

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/recommendations",
        "params": params,
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
    body: Situation,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | Recommendation]:
    """Recommend mentoring, coaching, a variant or a blend for one situation

     Every model variant ranked with a score in [0, 1], a per-factor breakdown that adds up to it,
    reasons and cautions tied to the content, a growth plan where the situation spans both approaches,
    and the smallest change that would change the top variant. The same input under the same policy
    gives the same bytes.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        locale (str | Unset):
        accept_language (str | Unset):
        body (Situation): An employee's situation. Nothing in it is stored or logged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendation]
    """

    kwargs = _get_kwargs(
        body=body,
        locale=locale,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: Situation,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Problem | Recommendation | None:
    """Recommend mentoring, coaching, a variant or a blend for one situation

     Every model variant ranked with a score in [0, 1], a per-factor breakdown that adds up to it,
    reasons and cautions tied to the content, a growth plan where the situation spans both approaches,
    and the smallest change that would change the top variant. The same input under the same policy
    gives the same bytes.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        locale (str | Unset):
        accept_language (str | Unset):
        body (Situation): An employee's situation. Nothing in it is stored or logged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendation
    """

    return sync_detailed(
        client=client,
        body=body,
        locale=locale,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Situation,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | Recommendation]:
    """Recommend mentoring, coaching, a variant or a blend for one situation

     Every model variant ranked with a score in [0, 1], a per-factor breakdown that adds up to it,
    reasons and cautions tied to the content, a growth plan where the situation spans both approaches,
    and the smallest change that would change the top variant. The same input under the same policy
    gives the same bytes.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        locale (str | Unset):
        accept_language (str | Unset):
        body (Situation): An employee's situation. Nothing in it is stored or logged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendation]
    """

    kwargs = _get_kwargs(
        body=body,
        locale=locale,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Situation,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Problem | Recommendation | None:
    """Recommend mentoring, coaching, a variant or a blend for one situation

     Every model variant ranked with a score in [0, 1], a per-factor breakdown that adds up to it,
    reasons and cautions tied to the content, a growth plan where the situation spans both approaches,
    and the smallest change that would change the top variant. The same input under the same policy
    gives the same bytes.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        locale (str | Unset):
        accept_language (str | Unset):
        body (Situation): An employee's situation. Nothing in it is stored or logged.

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
            locale=locale,
            accept_language=accept_language,
        )
    ).parsed
