from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Sections")


@_attrs_define
class Sections:
    """
    Attributes:
        about (str): A section heading, in the card's locale.
        data (str):
        evaluation (str):
        factors (str):
        failure_modes (str):
        groups (str): A section heading, in the card's locale.
        inputs (str):
        limitations (str):
        links (str):
        method (str): A section heading, in the card's locale.
        must_not (str):
        oversight (str):
        purpose (str):
        regulatory (str): A section heading, in the card's locale.
        review (str): A section heading, in the card's locale.
        users (str):
    """

    about: str
    data: str
    evaluation: str
    factors: str
    failure_modes: str
    groups: str
    inputs: str
    limitations: str
    links: str
    method: str
    must_not: str
    oversight: str
    purpose: str
    regulatory: str
    review: str
    users: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        about = self.about

        data = self.data

        evaluation = self.evaluation

        factors = self.factors

        failure_modes = self.failure_modes

        groups = self.groups

        inputs = self.inputs

        limitations = self.limitations

        links = self.links

        method = self.method

        must_not = self.must_not

        oversight = self.oversight

        purpose = self.purpose

        regulatory = self.regulatory

        review = self.review

        users = self.users

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "about": about,
                "data": data,
                "evaluation": evaluation,
                "factors": factors,
                "failure_modes": failure_modes,
                "groups": groups,
                "inputs": inputs,
                "limitations": limitations,
                "links": links,
                "method": method,
                "must_not": must_not,
                "oversight": oversight,
                "purpose": purpose,
                "regulatory": regulatory,
                "review": review,
                "users": users,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        about = d.pop("about")

        data = d.pop("data")

        evaluation = d.pop("evaluation")

        factors = d.pop("factors")

        failure_modes = d.pop("failure_modes")

        groups = d.pop("groups")

        inputs = d.pop("inputs")

        limitations = d.pop("limitations")

        links = d.pop("links")

        method = d.pop("method")

        must_not = d.pop("must_not")

        oversight = d.pop("oversight")

        purpose = d.pop("purpose")

        regulatory = d.pop("regulatory")

        review = d.pop("review")

        users = d.pop("users")

        sections = cls(
            about=about,
            data=data,
            evaluation=evaluation,
            factors=factors,
            failure_modes=failure_modes,
            groups=groups,
            inputs=inputs,
            limitations=limitations,
            links=links,
            method=method,
            must_not=must_not,
            oversight=oversight,
            purpose=purpose,
            regulatory=regulatory,
            review=review,
            users=users,
        )

        sections.additional_properties = d
        return sections

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
