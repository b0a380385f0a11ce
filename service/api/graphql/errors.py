"""The one place where GraphQL errors get their `extensions.code`, through REST's `classify`.

Errors raised by resolvers become the same problem REST would answer, as a GraphQL error:
its message is the problem's detail, `extensions.code` its GraphQL name, and for bad input
`extensions.field`/`allowed`/`errors` name the offending arguments. Unknown exceptions are
masked (logged by `classify`). Errors without an `original_error` (syntax, validation and the
limits) come from GraphQL itself: their messages are kept and they get a code here.
"""

import re
from typing import Any

import msgspec
from graphql import GraphQLError

from service.problems import classify

# Problem codes (REST) -> GraphQL error codes where Apollo has its own name; any other code
# is the problem code in upper case (`not-found` -> `NOT_FOUND`, `forbidden` -> `FORBIDDEN`).
_CODES = {
    "invalid-parameter": "BAD_USER_INPUT",
    "invalid-situation": "BAD_USER_INPUT",
    "bad-request": "BAD_USER_INPUT",
    "database-unavailable": "SERVICE_UNAVAILABLE",
    "internal-error": "INTERNAL_SERVER_ERROR",
}

# GraphQL's own errors, recognised by their message: the first match gives the code.
_OWN_ERRORS = (
    (re.compile(r"exceeds maximum operation depth"), "QUERY_TOO_DEEP"),
    (re.compile(r"aliases found\. Allowed"), "TOO_MANY_ALIASES"),
    (re.compile(r"Document contains more than \d+ tokens"), "TOO_MANY_TOKENS"),
    # graphql-core aborts validation when fragments nest past its bound (200 levels).
    (re.compile(r"^Validation aborted\.$"), "QUERY_TOO_DEEP"),
    (re.compile(r"^The document repeats fields too often"), "QUERY_TOO_COMPLEX"),
    (re.compile(r"^The document defines \d+ operations\. Allowed"), "TOO_MANY_OPERATIONS"),
    (re.compile(r"introspection has been disabled", re.IGNORECASE), "INTROSPECTION_DISABLED"),
    (re.compile(r"^Syntax Error"), "GRAPHQL_PARSE_FAILED"),
    # Variables the input types refuse (an unknown enum value, a missing required field).
    (re.compile(r"^Variable '\$\w+' (got|has) invalid value"), "BAD_USER_INPUT"),
)
_LIMIT_HINTS = {
    "QUERY_TOO_DEEP": "Ask for fewer nested levels, or split the query.",
    "TOO_MANY_ALIASES": "Use fewer aliases, or split the query.",
    "QUERY_TOO_COMPLEX": "Ask for each field once, or split the query.",
    "TOO_MANY_OPERATIONS": "Send each operation in a document of its own.",
    "TOO_MANY_TOKENS": "Send a shorter document, or split the query.",
}


class ResultTooLarge(GraphQLError):
    """Raised when an operation resolves more linked objects than one response may hold."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"This query resolves more than {limit} linked objects; ask for fewer nested "
            "links or smaller pages.",
            extensions={"code": "RESULT_TOO_LARGE"},
        )


def graphql_error(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    """A request-level GraphQL error (one raised before any execution), as JSON."""
    return {"message": message, "extensions": {"code": code, **extensions}}


def _own_error(error: GraphQLError) -> GraphQLError:
    if error.extensions and "code" in error.extensions:
        return error
    code = next(
        (code for pattern, code in _OWN_ERRORS if pattern.search(error.message)),
        "GRAPHQL_VALIDATION_FAILED",
    )
    message = error.message
    if code in _LIMIT_HINTS:
        message = f"{message.rstrip('.')}. {_LIMIT_HINTS[code]}"
    return _relabelled(error, message, {**(error.extensions or {}), "code": code})


_SNAKE = re.compile(r"_([a-z0-9])")


def graphql_name(path: str) -> str:
    """REST's field path in GraphQL input names (`goals[1]`, `context.coachBudget`)."""
    return _SNAKE.sub(lambda found: found.group(1).upper(), path)


def _resolver_error(error: GraphQLError, original: BaseException) -> GraphQLError:
    problem, _ = classify(original)
    code = _CODES.get(problem.code, problem.code.upper().replace("-", "_"))
    extensions: dict[str, Any] = {"code": code}
    if problem.errors:
        extensions["errors"] = [
            {**item, "field": graphql_name(item["field"])}
            for item in msgspec.to_builtins(problem.errors)
        ]
        first = problem.errors[0]
        extensions["field"] = graphql_name(first.field)
        if first.allowed is not None:
            extensions["allowed"] = list(first.allowed)
    message = problem.detail
    if problem.status >= 500 and code == "INTERNAL_SERVER_ERROR":
        message = "Unexpected error."
    return _relabelled(error, message, extensions)


def _relabelled(error: GraphQLError, message: str, extensions: dict[str, Any]) -> GraphQLError:
    """The same error at the same place in the document, with a new message and extensions."""
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def shape_error(error: GraphQLError) -> GraphQLError:
    """Applied by the controller to every error of every result (syntax errors escape
    Strawberry's extension hooks, so an extension could not see them all)."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return _own_error(error)
    return _resolver_error(error, original)
