from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.situation import Situation


T = TypeVar("T", bound="BatchRequest")


@_attrs_define
class BatchRequest:
    """Up to 1,000 situations, each validated on its own: one bad item gets its own problem
    and never fails the others.

    Attributes:
        items (list[Any | Situation]):
    """

    items: list[Any | Situation]

    def to_dict(self) -> dict[str, Any]:
        from ..models.situation import Situation  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item: Any | dict[str, Any]
            if isinstance(items_item_data, Situation):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.situation import Situation  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(data: object) -> Any | Situation:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    items_item_type_0 = Situation.from_dict(data)

                    return items_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Any | Situation, data)

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        batch_request = cls(
            items=items,
        )

        return batch_request
