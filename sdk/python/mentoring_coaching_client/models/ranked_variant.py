from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.base_approach import BaseApproach

if TYPE_CHECKING:
    from ..models.breakdown_item import BreakdownItem
    from ..models.caution import Caution
    from ..models.reason import Reason


T = TypeVar("T", bound="RankedVariant")


@_attrs_define
class RankedVariant:
    """
    Attributes:
        base_approach (BaseApproach):
        breakdown (list[BreakdownItem]):
        cautions (list[Caution]):
        name (str):
        rank (int):
        reasons (list[Reason]):
        score (float):
        variant (str):
    """

    base_approach: BaseApproach
    breakdown: list[BreakdownItem]
    cautions: list[Caution]
    name: str
    rank: int
    reasons: list[Reason]
    score: float
    variant: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_approach = self.base_approach.value

        breakdown = []
        for breakdown_item_data in self.breakdown:
            breakdown_item = breakdown_item_data.to_dict()
            breakdown.append(breakdown_item)

        cautions = []
        for cautions_item_data in self.cautions:
            cautions_item = cautions_item_data.to_dict()
            cautions.append(cautions_item)

        name = self.name

        rank = self.rank

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        score = self.score

        variant = self.variant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_approach": base_approach,
                "breakdown": breakdown,
                "cautions": cautions,
                "name": name,
                "rank": rank,
                "reasons": reasons,
                "score": score,
                "variant": variant,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.breakdown_item import BreakdownItem  # noqa: PLC0415
        from ..models.caution import Caution  # noqa: PLC0415
        from ..models.reason import Reason  # noqa: PLC0415

        d = dict(src_dict)
        base_approach = BaseApproach(d.pop("base_approach"))

        breakdown = []
        _breakdown = d.pop("breakdown")
        for breakdown_item_data in _breakdown:
            breakdown_item = BreakdownItem.from_dict(breakdown_item_data)

            breakdown.append(breakdown_item)

        cautions = []
        _cautions = d.pop("cautions")
        for cautions_item_data in _cautions:
            cautions_item = Caution.from_dict(cautions_item_data)

            cautions.append(cautions_item)

        name = d.pop("name")

        rank = d.pop("rank")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = Reason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        score = d.pop("score")

        variant = d.pop("variant")

        ranked_variant = cls(
            base_approach=base_approach,
            breakdown=breakdown,
            cautions=cautions,
            name=name,
            rank=rank,
            reasons=reasons,
            score=score,
            variant=variant,
        )

        ranked_variant.additional_properties = d
        return ranked_variant

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
