"""Schemathesis hooks for the GraphQL run (`SCHEMATHESIS_HOOKS=tests.graphql.schemathesis_hooks`):
strategies for the schema's custom scalars, each generating exactly the values its
description allows (service/api/graphql/scalars.py)."""

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

schemathesis.graphql.scalar("PageSize", st.integers(min_value=1, max_value=100).map(nodes.Int))
# No strategy for `Cursor`: an opaque cursor is one the server returned, never one a client
# makes up, so the generator leaves `after` out (or null), as a client's first page does.
schemathesis.graphql.scalar(
    "Locale",
    st.sampled_from(["en", "es", "fr", "de", "es-MX", "fr-CA", "de-AT", "en-GB"]).map(nodes.String),
)
schemathesis.graphql.scalar(
    "SearchText",
    st.from_regex(r"\A[a-z ]{0,30}[a-z][a-z ]{0,30}\Z").map(nodes.String),
)
