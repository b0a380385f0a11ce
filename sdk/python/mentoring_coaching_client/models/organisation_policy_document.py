from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organisation_policy_document_context_defaults import OrganisationPolicyDocumentContextDefaults
    from ..models.organisation_policy_document_weights import OrganisationPolicyDocumentWeights


T = TypeVar("T", bound="OrganisationPolicyDocument")


@_attrs_define
class OrganisationPolicyDocument:
    """What an organisation changes; everything left out stays as released.

    Attributes:
        context_defaults (OrganisationPolicyDocumentContextDefaults | Unset): Organisation-wide context (e.g.
            coach_budget: false). Replaces a flag the caller did not send; never a value the caller sent. Optional; each
            field left out takes its own default. Names: `senior_learns_from_juniors`, `sponsors_available`,
            `peers_available`, `coach_budget`, `ai_acceptable`.
        not_offered (list[str] | Unset): Variant slugs the organisation does not offer: never recommended, and listed in
            every answer as not offered. Optional; the server uses `[]` when it is left out.
        note (str | Unset): Optional; the server uses `""` when it is left out.
        weights (OrganisationPolicyDocumentWeights | Unset): Multiplier per factor, 0.5 to 2.0; the weights are scaled
            back to add up to 1. Optional; each field left out takes its own default. Names: `goals`, `horizon`, `urgency`,
            `career_stage`, `relationship`, `structure`, `time`, `context`.
    """

    context_defaults: OrganisationPolicyDocumentContextDefaults | Unset = UNSET
    not_offered: list[str] | Unset = UNSET
    note: str | Unset = UNSET
    weights: OrganisationPolicyDocumentWeights | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        context_defaults: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context_defaults, Unset):
            context_defaults = self.context_defaults.to_dict()

        not_offered: list[str] | Unset = UNSET
        if not isinstance(self.not_offered, Unset):
            not_offered = self.not_offered

        note = self.note

        weights: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weights, Unset):
            weights = self.weights.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if context_defaults is not UNSET:
            field_dict["context_defaults"] = context_defaults
        if not_offered is not UNSET:
            field_dict["not_offered"] = not_offered
        if note is not UNSET:
            field_dict["note"] = note
        if weights is not UNSET:
            field_dict["weights"] = weights

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_policy_document_context_defaults import OrganisationPolicyDocumentContextDefaults  # noqa: PLC0415
        from ..models.organisation_policy_document_weights import OrganisationPolicyDocumentWeights  # noqa: PLC0415

        d = dict(src_dict)
        _context_defaults = d.pop("context_defaults", UNSET)
        context_defaults: OrganisationPolicyDocumentContextDefaults | Unset
        if isinstance(_context_defaults, Unset):
            context_defaults = UNSET
        else:
            context_defaults = OrganisationPolicyDocumentContextDefaults.from_dict(_context_defaults)

        not_offered = cast(list[str], d.pop("not_offered", UNSET))

        note = d.pop("note", UNSET)

        _weights = d.pop("weights", UNSET)
        weights: OrganisationPolicyDocumentWeights | Unset
        if isinstance(_weights, Unset):
            weights = UNSET
        else:
            weights = OrganisationPolicyDocumentWeights.from_dict(_weights)

        organisation_policy_document = cls(
            context_defaults=context_defaults,
            not_offered=not_offered,
            note=note,
            weights=weights,
        )

        return organisation_policy_document
