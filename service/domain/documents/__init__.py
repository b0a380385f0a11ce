"""Trusted GraphQL documents per organisation: the manifests front-end builds write
(graphql-codegen's client preset, Apollo's persisted query manifest), stored in PostgreSQL
(alembic revision 0007) with an append-only history, and each replica's copy of them."""
