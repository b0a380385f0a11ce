from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BatchRequest")


@_attrs_define
class BatchRequest:
    """Up to 1,000 situations, each validated on its own: one bad item gets its own problem
    and never fails the others.

    Attributes:
        items (list[Any]):
    """

    items: list[Any]

    def to_dict(self) -> dict[str, Any]:
        items = self.items

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        items = cast(list[Any], d.pop("items"))

        batch_request = cls(
            items=items,
        )

        return batch_request
