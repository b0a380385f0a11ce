from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.growth_track import GrowthTrack


T = TypeVar("T", bound="GrowthPlan")


@_attrs_define
class GrowthPlan:
    """
    Attributes:
        source_topic (str):
        summary (str):
        tracks (list[GrowthTrack]):
    """

    source_topic: str
    summary: str
    tracks: list[GrowthTrack]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_topic = self.source_topic

        summary = self.summary

        tracks = []
        for tracks_item_data in self.tracks:
            tracks_item = tracks_item_data.to_dict()
            tracks.append(tracks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source_topic": source_topic,
                "summary": summary,
                "tracks": tracks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.growth_track import GrowthTrack  # noqa: PLC0415

        d = dict(src_dict)
        source_topic = d.pop("source_topic")

        summary = d.pop("summary")

        tracks = []
        _tracks = d.pop("tracks")
        for tracks_item_data in _tracks:
            tracks_item = GrowthTrack.from_dict(tracks_item_data)

            tracks.append(tracks_item)

        growth_plan = cls(
            source_topic=source_topic,
            summary=summary,
            tracks=tracks,
        )

        growth_plan.additional_properties = d
        return growth_plan

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
