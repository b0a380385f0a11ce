from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_detail import BatchDetail
from ...models.batch_request import BatchRequest
from ...models.batch_response import BatchResponse
from ...models.problem import Problem
from ...models.summary_batch_response import SummaryBatchResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BatchRequest,
    detail: BatchDetail | Unset = UNSET,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    json_detail: str | Unset = UNSET
    if not isinstance(detail, Unset):
        json_detail = detail.value

    params["detail"] = json_detail

    params["locale"] = locale

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/recommendations/batch",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchResponse | SummaryBatchResponse | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> BatchResponse | SummaryBatchResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = BatchResponse.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = SummaryBatchResponse.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[BatchResponse | SummaryBatchResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchRequest,
    detail: BatchDetail | Unset = UNSET,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[BatchResponse | SummaryBatchResponse | Problem]:
    """Recommend for up to 1000 situations at once

     Each item gets its result or its own problem (`problem.status` 422 with the item's field errors);
    one bad item never fails the others, so each item is only checked by the server. More than 1000
    items, or a malformed envelope, is 422.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        detail (BatchDetail | Unset): `full`: every variant with breakdown, reasons and cautions
            (about 20 KB a situation). `summary`: primary, scores, growth plan and counterfactual
            (about 1.5 KB).
        locale (str | Unset):
        accept_language (str | Unset):
        body (BatchRequest): Up to 1,000 situations, each validated on its own: one bad item gets
            its own problem
                and never fails the others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | SummaryBatchResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        detail=detail,
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
    body: BatchRequest,
    detail: BatchDetail | Unset = UNSET,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> BatchResponse | SummaryBatchResponse | Problem | None:
    """Recommend for up to 1000 situations at once

     Each item gets its result or its own problem (`problem.status` 422 with the item's field errors);
    one bad item never fails the others, so each item is only checked by the server. More than 1000
    items, or a malformed envelope, is 422.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        detail (BatchDetail | Unset): `full`: every variant with breakdown, reasons and cautions
            (about 20 KB a situation). `summary`: primary, scores, growth plan and counterfactual
            (about 1.5 KB).
        locale (str | Unset):
        accept_language (str | Unset):
        body (BatchRequest): Up to 1,000 situations, each validated on its own: one bad item gets
            its own problem
                and never fails the others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | SummaryBatchResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        detail=detail,
        locale=locale,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchRequest,
    detail: BatchDetail | Unset = UNSET,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[BatchResponse | SummaryBatchResponse | Problem]:
    """Recommend for up to 1000 situations at once

     Each item gets its result or its own problem (`problem.status` 422 with the item's field errors);
    one bad item never fails the others, so each item is only checked by the server. More than 1000
    items, or a malformed envelope, is 422.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        detail (BatchDetail | Unset): `full`: every variant with breakdown, reasons and cautions
            (about 20 KB a situation). `summary`: primary, scores, growth plan and counterfactual
            (about 1.5 KB).
        locale (str | Unset):
        accept_language (str | Unset):
        body (BatchRequest): Up to 1,000 situations, each validated on its own: one bad item gets
            its own problem
                and never fails the others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | SummaryBatchResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        detail=detail,
        locale=locale,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BatchRequest,
    detail: BatchDetail | Unset = UNSET,
    locale: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> BatchResponse | SummaryBatchResponse | Problem | None:
    """Recommend for up to 1000 situations at once

     Each item gets its result or its own problem (`problem.status` 422 with the item's field errors);
    one bad item never fails the others, so each item is only checked by the server. More than 1000
    items, or a malformed envelope, is 422.

    Needs an API key with the scope `recommend` (production). Publishable (browser) keys are refused:
    call it from a server.

    Args:
        detail (BatchDetail | Unset): `full`: every variant with breakdown, reasons and cautions
            (about 20 KB a situation). `summary`: primary, scores, growth plan and counterfactual
            (about 1.5 KB).
        locale (str | Unset):
        accept_language (str | Unset):
        body (BatchRequest): Up to 1,000 situations, each validated on its own: one bad item gets
            its own problem
                and never fails the others.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | SummaryBatchResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            detail=detail,
            locale=locale,
            accept_language=accept_language,
        )
    ).parsed
