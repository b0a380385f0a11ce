from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.recommendation import Recommendation


T = TypeVar("T", bound="IntakeDone")


@_attrs_define
class IntakeDone:
    """
    Attributes:
        recommendation (Recommendation):
        done (bool | Unset):  Default: True.
    """

    recommendation: Recommendation
    done: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recommendation = self.recommendation.to_dict()

        done = self.done

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recommendation": recommendation,
            }
        )
        if done is not UNSET:
            field_dict["done"] = done

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recommendation import Recommendation  # noqa: PLC0415

        d = dict(src_dict)
        recommendation = Recommendation.from_dict(d.pop("recommendation"))

        done = d.pop("done", UNSET)

        intake_done = cls(
            recommendation=recommendation,
            done=done,
        )

        intake_done.additional_properties = d
        return intake_done

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
