from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.manifest_summary import ManifestSummary
from ...models.problem import Problem
from ...models.register_trusted_document_manifest_apollo_persisted_query_manifest import (
    RegisterTrustedDocumentManifestApolloPersistedQueryManifest,
)
from ...models.register_trusted_document_manifest_persisted_documents_json_graphql_codegen_client_preset import (
    RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset,
)
from ...types import Response


def _get_kwargs(
    organisation: str,
    manifest: str,
    *,
    body: RegisterTrustedDocumentManifestApolloPersistedQueryManifest
    | RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/organisations/{organisation}/trusted-documents/manifests/{manifest}".format(
            organisation=quote(str(organisation), safe=""),
            manifest=quote(str(manifest), safe=""),
        ),
    }

    if isinstance(body, RegisterTrustedDocumentManifestApolloPersistedQueryManifest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ManifestSummary | Problem | None:
    if response.status_code == 200:
        response_200 = ManifestSummary.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ManifestSummary.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ManifestSummary | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organisation: str,
    manifest: str,
    *,
    client: AuthenticatedClient,
    body: RegisterTrustedDocumentManifestApolloPersistedQueryManifest
    | RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset,
) -> Response[ManifestSummary | Problem]:
    """Register a manifest of trusted documents (or replace the one of that name)

     The body is the manifest as the build wrote it: graphql-codegen's `persisted-documents.json` (`{id:
    document}`) or Apollo's persisted query manifest. Every document is checked against the schema, the
    limits and the maximum cost; an id shaped like a SHA-256 digest must be its document's. 201 when
    new, 200 when it replaced one.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        manifest (str):
        body (RegisterTrustedDocumentManifestApolloPersistedQueryManifest |
            RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ManifestSummary | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        manifest=manifest,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation: str,
    manifest: str,
    *,
    client: AuthenticatedClient,
    body: RegisterTrustedDocumentManifestApolloPersistedQueryManifest
    | RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset,
) -> ManifestSummary | Problem | None:
    """Register a manifest of trusted documents (or replace the one of that name)

     The body is the manifest as the build wrote it: graphql-codegen's `persisted-documents.json` (`{id:
    document}`) or Apollo's persisted query manifest. Every document is checked against the schema, the
    limits and the maximum cost; an id shaped like a SHA-256 digest must be its document's. 201 when
    new, 200 when it replaced one.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        manifest (str):
        body (RegisterTrustedDocumentManifestApolloPersistedQueryManifest |
            RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ManifestSummary | Problem
    """

    return sync_detailed(
        organisation=organisation,
        manifest=manifest,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    organisation: str,
    manifest: str,
    *,
    client: AuthenticatedClient,
    body: RegisterTrustedDocumentManifestApolloPersistedQueryManifest
    | RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset,
) -> Response[ManifestSummary | Problem]:
    """Register a manifest of trusted documents (or replace the one of that name)

     The body is the manifest as the build wrote it: graphql-codegen's `persisted-documents.json` (`{id:
    document}`) or Apollo's persisted query manifest. Every document is checked against the schema, the
    limits and the maximum cost; an id shaped like a SHA-256 digest must be its document's. 201 when
    new, 200 when it replaced one.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        manifest (str):
        body (RegisterTrustedDocumentManifestApolloPersistedQueryManifest |
            RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ManifestSummary | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        manifest=manifest,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation: str,
    manifest: str,
    *,
    client: AuthenticatedClient,
    body: RegisterTrustedDocumentManifestApolloPersistedQueryManifest
    | RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset,
) -> ManifestSummary | Problem | None:
    """Register a manifest of trusted documents (or replace the one of that name)

     The body is the manifest as the build wrote it: graphql-codegen's `persisted-documents.json` (`{id:
    document}`) or Apollo's persisted query manifest. Every document is checked against the schema, the
    limits and the maximum cost; an id shaped like a SHA-256 digest must be its document's. 201 when
    new, 200 when it replaced one.

    Needs an API key with the scope `admin` (production). Publishable (browser) keys are refused: call
    it from a server.

    Args:
        organisation (str):
        manifest (str):
        body (RegisterTrustedDocumentManifestApolloPersistedQueryManifest |
            RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ManifestSummary | Problem
    """

    return (
        await asyncio_detailed(
            organisation=organisation,
            manifest=manifest,
            client=client,
            body=body,
        )
    ).parsed
