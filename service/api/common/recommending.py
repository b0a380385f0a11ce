"""What both doors ask before a recommendation: the policy of the caller's organisation."""

from litestar.datastructures import State

from service.domain.decisions.service import Scope
from service.domain.organisations.service import OrganisationPolicies
from service.security.identity import Identity


async def organisation_scope(state: State, identity: Identity | None) -> Scope | None:
    """The published policy of `identity`'s organisation (None: no key, in development; or
    nothing published). Both doors then call `domain.decisions.service.recommend`."""
    if identity is None:
        return None
    policies: OrganisationPolicies = state.organisation_policies
    return await policies.scope_for(state.engine, identity.organisation)
