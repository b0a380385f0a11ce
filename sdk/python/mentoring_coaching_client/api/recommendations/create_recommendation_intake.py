from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.intake_done import IntakeDone
from ...models.intake_question import IntakeQuestion
from ...models.intake_situation import IntakeSituation
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: IntakeSituation,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/recommendations/intake",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IntakeDone | IntakeQuestion | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> IntakeDone | IntakeQuestion:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = IntakeQuestion.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = IntakeDone.from_dict(data)

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
) -> Response[IntakeDone | IntakeQuestion | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: IntakeSituation,
) -> Response[IntakeDone | IntakeQuestion | Problem]:
    """The next question worth asking, or the recommendation once none is left

     Send what is known so far (any subset of the situation's fields, each validated as in `POST
    /v1/recommendations`; a context flag sent as null, or a preference sent as `no_preference`, counts
    as answered: not sure). Required fields are asked first, then an optional signal only while some
    answer to the signals not yet asked could still change the primary recommendation under the
    organisation's policy. `done: true` carries exactly the answer `POST /v1/recommendations` gives for
    the same body (with a decision id of its own, which replays like any). Stateless: nothing is stored.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        body (IntakeSituation): What is known so far of a situation: any subset of its fields,
            none required. A context flag sent as null, or a preference sent as `no_preference`,
            counts as answered (not sure).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IntakeDone | IntakeQuestion | Problem]
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
    body: IntakeSituation,
) -> IntakeDone | IntakeQuestion | Problem | None:
    """The next question worth asking, or the recommendation once none is left

     Send what is known so far (any subset of the situation's fields, each validated as in `POST
    /v1/recommendations`; a context flag sent as null, or a preference sent as `no_preference`, counts
    as answered: not sure). Required fields are asked first, then an optional signal only while some
    answer to the signals not yet asked could still change the primary recommendation under the
    organisation's policy. `done: true` carries exactly the answer `POST /v1/recommendations` gives for
    the same body (with a decision id of its own, which replays like any). Stateless: nothing is stored.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        body (IntakeSituation): What is known so far of a situation: any subset of its fields,
            none required. A context flag sent as null, or a preference sent as `no_preference`,
            counts as answered (not sure).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IntakeDone | IntakeQuestion | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: IntakeSituation,
) -> Response[IntakeDone | IntakeQuestion | Problem]:
    """The next question worth asking, or the recommendation once none is left

     Send what is known so far (any subset of the situation's fields, each validated as in `POST
    /v1/recommendations`; a context flag sent as null, or a preference sent as `no_preference`, counts
    as answered: not sure). Required fields are asked first, then an optional signal only while some
    answer to the signals not yet asked could still change the primary recommendation under the
    organisation's policy. `done: true` carries exactly the answer `POST /v1/recommendations` gives for
    the same body (with a decision id of its own, which replays like any). Stateless: nothing is stored.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        body (IntakeSituation): What is known so far of a situation: any subset of its fields,
            none required. A context flag sent as null, or a preference sent as `no_preference`,
            counts as answered (not sure).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IntakeDone | IntakeQuestion | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: IntakeSituation,
) -> IntakeDone | IntakeQuestion | Problem | None:
    """The next question worth asking, or the recommendation once none is left

     Send what is known so far (any subset of the situation's fields, each validated as in `POST
    /v1/recommendations`; a context flag sent as null, or a preference sent as `no_preference`, counts
    as answered: not sure). Required fields are asked first, then an optional signal only while some
    answer to the signals not yet asked could still change the primary recommendation under the
    organisation's policy. `done: true` carries exactly the answer `POST /v1/recommendations` gives for
    the same body (with a decision id of its own, which replays like any). Stateless: nothing is stored.

    Needs an API key with the scope `recommend` (production). A publishable key may call it from one of
    its origins.

    Args:
        body (IntakeSituation): What is known so far of a situation: any subset of its fields,
            none required. A context flag sent as null, or a preference sent as `no_preference`,
            counts as answered (not sure).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IntakeDone | IntakeQuestion | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
