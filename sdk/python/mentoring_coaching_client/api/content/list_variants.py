from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.base_approach import BaseApproach
from ...models.career_stage import CareerStage
from ...models.problem import Problem
from ...models.relationship_shape import RelationshipShape
from ...models.variant_page import VariantPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    base_approach: BaseApproach | None | Unset = UNSET,
    career_stage: CareerStage | None | Unset = UNSET,
    relationship_shape: None | RelationshipShape | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    locale: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    json_base_approach: None | str | Unset
    if isinstance(base_approach, Unset):
        json_base_approach = UNSET
    elif isinstance(base_approach, BaseApproach):
        json_base_approach = base_approach.value
    else:
        json_base_approach = base_approach
    params["base_approach"] = json_base_approach

    json_career_stage: None | str | Unset
    if isinstance(career_stage, Unset):
        json_career_stage = UNSET
    elif isinstance(career_stage, CareerStage):
        json_career_stage = career_stage.value
    else:
        json_career_stage = career_stage
    params["career_stage"] = json_career_stage

    json_relationship_shape: None | str | Unset
    if isinstance(relationship_shape, Unset):
        json_relationship_shape = UNSET
    elif isinstance(relationship_shape, RelationshipShape):
        json_relationship_shape = relationship_shape.value
    else:
        json_relationship_shape = relationship_shape
    params["relationship_shape"] = json_relationship_shape

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["locale"] = locale

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/variants",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | VariantPage | None:
    if response.status_code == 200:
        response_200 = VariantPage.from_dict(response.json())

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
) -> Response[Problem | VariantPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    base_approach: BaseApproach | None | Unset = UNSET,
    career_stage: CareerStage | None | Unset = UNSET,
    relationship_shape: None | RelationshipShape | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    locale: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | VariantPage]:
    """List the model variants, optionally filtered

     Needs an API key with the scope `content:read` (production). A publishable key may call it from one
    of its origins.

    Args:
        base_approach (BaseApproach | None | Unset): Only variants of this base approach.
        career_stage (CareerStage | None | Unset): Only variants that fit this career stage.
        relationship_shape (None | RelationshipShape | Unset): Only variants with this
            relationship shape.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        locale (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VariantPage]
    """

    kwargs = _get_kwargs(
        base_approach=base_approach,
        career_stage=career_stage,
        relationship_shape=relationship_shape,
        limit=limit,
        cursor=cursor,
        locale=locale,
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
    base_approach: BaseApproach | None | Unset = UNSET,
    career_stage: CareerStage | None | Unset = UNSET,
    relationship_shape: None | RelationshipShape | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    locale: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Problem | VariantPage | None:
    """List the model variants, optionally filtered

     Needs an API key with the scope `content:read` (production). A publishable key may call it from one
    of its origins.

    Args:
        base_approach (BaseApproach | None | Unset): Only variants of this base approach.
        career_stage (CareerStage | None | Unset): Only variants that fit this career stage.
        relationship_shape (None | RelationshipShape | Unset): Only variants with this
            relationship shape.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        locale (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VariantPage
    """

    return sync_detailed(
        client=client,
        base_approach=base_approach,
        career_stage=career_stage,
        relationship_shape=relationship_shape,
        limit=limit,
        cursor=cursor,
        locale=locale,
        if_none_match=if_none_match,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    base_approach: BaseApproach | None | Unset = UNSET,
    career_stage: CareerStage | None | Unset = UNSET,
    relationship_shape: None | RelationshipShape | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    locale: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | VariantPage]:
    """List the model variants, optionally filtered

     Needs an API key with the scope `content:read` (production). A publishable key may call it from one
    of its origins.

    Args:
        base_approach (BaseApproach | None | Unset): Only variants of this base approach.
        career_stage (CareerStage | None | Unset): Only variants that fit this career stage.
        relationship_shape (None | RelationshipShape | Unset): Only variants with this
            relationship shape.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        locale (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VariantPage]
    """

    kwargs = _get_kwargs(
        base_approach=base_approach,
        career_stage=career_stage,
        relationship_shape=relationship_shape,
        limit=limit,
        cursor=cursor,
        locale=locale,
        if_none_match=if_none_match,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    base_approach: BaseApproach | None | Unset = UNSET,
    career_stage: CareerStage | None | Unset = UNSET,
    relationship_shape: None | RelationshipShape | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    locale: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Problem | VariantPage | None:
    """List the model variants, optionally filtered

     Needs an API key with the scope `content:read` (production). A publishable key may call it from one
    of its origins.

    Args:
        base_approach (BaseApproach | None | Unset): Only variants of this base approach.
        career_stage (CareerStage | None | Unset): Only variants that fit this career stage.
        relationship_shape (None | RelationshipShape | Unset): Only variants with this
            relationship shape.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.
        locale (str | Unset):
        if_none_match (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VariantPage
    """

    return (
        await asyncio_detailed(
            client=client,
            base_approach=base_approach,
            career_stage=career_stage,
            relationship_shape=relationship_shape,
            limit=limit,
            cursor=cursor,
            locale=locale,
            if_none_match=if_none_match,
            accept_language=accept_language,
        )
    ).parsed
