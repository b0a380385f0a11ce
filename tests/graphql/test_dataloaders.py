"""Relations resolve through per-request DataLoaders: no N+1, whatever the page size."""

from collections import Counter

from litestar import Litestar
from sqlalchemy import event

from service.api.graphql.context import GraphQLContext
from service.api.graphql.schema import build_schema
from tests.graphql.conftest import Client

VARIANTS_ALONE = "query($n: Int!) { variants(first: $n) { items { slug name term baseApproach } } }"
EVERY_RELATION = """
query($n: Int!) {
  variants(first: $n) {
    items {
      slug
      linkedApproaches { slug aspects { key linkedAspect { key linkedTopics { slug } } } }
      linkedTerm { slug linkedApproaches { slug } linkedVariant { slug } }
    }
  }
}
"""


async def run(app: Litestar, query: str, size: int) -> tuple[Counter[str], int]:
    """(DataLoader batch calls per kind, SQL statements) for one operation."""
    statements = 0

    def count(*_: object) -> None:
        nonlocal statements
        statements += 1

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        context = GraphQLContext(app.state.content.snapshot, None)
        result = await build_schema().execute(
            query, variable_values={"n": size}, context_value=context
        )
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert not result.errors, result.errors
    return context.batch_calls, statements


async def test_every_relation_of_every_variant_costs_what_the_variants_alone_cost(
    app: Litestar, client: Client
) -> None:
    alone_calls, alone_sql = await run(app, VARIANTS_ALONE, 100)
    one_calls, one_sql = await run(app, EVERY_RELATION, 1)
    all_calls, all_sql = await run(app, EVERY_RELATION, 100)
    # No database round trip either way: the snapshot serves everything.
    assert alone_sql == one_sql == all_sql == 0
    assert sum(alone_calls.values()) == 0
    # One batch per kind (keys already loaded come from the loader's cache), the same for
    # 1 variant as for all 12: no N+1.
    assert all_calls == one_calls
    assert all_calls == Counter({"approach": 1, "term": 1, "variant": 1, "aspect": 1, "topic": 1})
