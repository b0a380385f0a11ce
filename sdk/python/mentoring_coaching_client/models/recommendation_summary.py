from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.counterfactual import Counterfactual
    from ..models.growth_plan import GrowthPlan
    from ..models.primary import Primary
    from ..models.ranked_score import RankedScore


T = TypeVar("T", bound="RecommendationSummary")


@_attrs_define
class RecommendationSummary:
    """
    Attributes:
        content_version (int):
        counterfactual (Counterfactual | None):
        growth_plan (GrowthPlan | None):
        locale (str):
        policy_version (str):
        primary (Primary):
        ranking (list[RankedScore]):
        decision_id (str | Unset):  Default: ''.
        not_offered (list[str] | Unset):
        organisation_policy_version (int | None | Unset):
        policy_card (str | Unset):  Default: ''.
    """

    content_version: int
    counterfactual: Counterfactual | None
    growth_plan: GrowthPlan | None
    locale: str
    policy_version: str
    primary: Primary
    ranking: list[RankedScore]
    decision_id: str | Unset = ""
    not_offered: list[str] | Unset = UNSET
    organisation_policy_version: int | None | Unset = UNSET
    policy_card: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.counterfactual import Counterfactual  # noqa: PLC0415
        from ..models.growth_plan import GrowthPlan  # noqa: PLC0415

        content_version = self.content_version

        counterfactual: dict[str, Any] | None
        if isinstance(self.counterfactual, Counterfactual):
            counterfactual = self.counterfactual.to_dict()
        else:
            counterfactual = self.counterfactual

        growth_plan: dict[str, Any] | None
        if isinstance(self.growth_plan, GrowthPlan):
            growth_plan = self.growth_plan.to_dict()
        else:
            growth_plan = self.growth_plan

        locale = self.locale

        policy_version = self.policy_version

        primary = self.primary.to_dict()

        ranking = []
        for ranking_item_data in self.ranking:
            ranking_item = ranking_item_data.to_dict()
            ranking.append(ranking_item)

        decision_id = self.decision_id

        not_offered: list[str] | Unset = UNSET
        if not isinstance(self.not_offered, Unset):
            not_offered = self.not_offered

        organisation_policy_version: int | None | Unset
        if isinstance(self.organisation_policy_version, Unset):
            organisation_policy_version = UNSET
        else:
            organisation_policy_version = self.organisation_policy_version

        policy_card = self.policy_card

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_version": content_version,
                "counterfactual": counterfactual,
                "growth_plan": growth_plan,
                "locale": locale,
                "policy_version": policy_version,
                "primary": primary,
                "ranking": ranking,
            }
        )
        if decision_id is not UNSET:
            field_dict["decision_id"] = decision_id
        if not_offered is not UNSET:
            field_dict["not_offered"] = not_offered
        if organisation_policy_version is not UNSET:
            field_dict["organisation_policy_version"] = organisation_policy_version
        if policy_card is not UNSET:
            field_dict["policy_card"] = policy_card

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counterfactual import Counterfactual  # noqa: PLC0415
        from ..models.growth_plan import GrowthPlan  # noqa: PLC0415
        from ..models.primary import Primary  # noqa: PLC0415
        from ..models.ranked_score import RankedScore  # noqa: PLC0415

        d = dict(src_dict)
        content_version = d.pop("content_version")

        def _parse_counterfactual(data: object) -> Counterfactual | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                counterfactual_type_0 = Counterfactual.from_dict(data)

                return counterfactual_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Counterfactual | None, data)

        counterfactual = _parse_counterfactual(d.pop("counterfactual"))

        def _parse_growth_plan(data: object) -> GrowthPlan | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                growth_plan_type_0 = GrowthPlan.from_dict(data)

                return growth_plan_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GrowthPlan | None, data)

        growth_plan = _parse_growth_plan(d.pop("growth_plan"))

        locale = d.pop("locale")

        policy_version = d.pop("policy_version")

        primary = Primary.from_dict(d.pop("primary"))

        ranking = []
        _ranking = d.pop("ranking")
        for ranking_item_data in _ranking:
            ranking_item = RankedScore.from_dict(ranking_item_data)

            ranking.append(ranking_item)

        decision_id = d.pop("decision_id", UNSET)

        not_offered = cast(list[str], d.pop("not_offered", UNSET))

        def _parse_organisation_policy_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation_policy_version = _parse_organisation_policy_version(d.pop("organisation_policy_version", UNSET))

        policy_card = d.pop("policy_card", UNSET)

        recommendation_summary = cls(
            content_version=content_version,
            counterfactual=counterfactual,
            growth_plan=growth_plan,
            locale=locale,
            policy_version=policy_version,
            primary=primary,
            ranking=ranking,
            decision_id=decision_id,
            not_offered=not_offered,
            organisation_policy_version=organisation_policy_version,
            policy_card=policy_card,
        )

        recommendation_summary.additional_properties = d
        return recommendation_summary

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
