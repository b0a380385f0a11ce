from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.card_evaluation import CardEvaluation
    from ..models.card_factor import CardFactor
    from ..models.card_input import CardInput
    from ..models.card_link import CardLink
    from ..models.sections import Sections


T = TypeVar("T", bound="PolicyCard")


@_attrs_define
class PolicyCard:
    """
    Attributes:
        data_handling (list[str]):
        evaluation (CardEvaluation):
        factors (list[CardFactor]):
        failure_modes (list[str]):
        headings (Sections):
        human_oversight (list[str]):
        inputs (list[CardInput]):
        intended_purpose (str):
        intended_users (list[str]):
        limitations (list[str]):
        links (list[CardLink]):
        locale (str):
        must_not_use_for (list[str]):
        not_said_rule (str):
        policy_version (str):
        title (str):
    """

    data_handling: list[str]
    evaluation: CardEvaluation
    factors: list[CardFactor]
    failure_modes: list[str]
    headings: Sections
    human_oversight: list[str]
    inputs: list[CardInput]
    intended_purpose: str
    intended_users: list[str]
    limitations: list[str]
    links: list[CardLink]
    locale: str
    must_not_use_for: list[str]
    not_said_rule: str
    policy_version: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data_handling = self.data_handling

        evaluation = self.evaluation.to_dict()

        factors = []
        for factors_item_data in self.factors:
            factors_item = factors_item_data.to_dict()
            factors.append(factors_item)

        failure_modes = self.failure_modes

        headings = self.headings.to_dict()

        human_oversight = self.human_oversight

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        intended_purpose = self.intended_purpose

        intended_users = self.intended_users

        limitations = self.limitations

        links = []
        for links_item_data in self.links:
            links_item = links_item_data.to_dict()
            links.append(links_item)

        locale = self.locale

        must_not_use_for = self.must_not_use_for

        not_said_rule = self.not_said_rule

        policy_version = self.policy_version

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data_handling": data_handling,
                "evaluation": evaluation,
                "factors": factors,
                "failure_modes": failure_modes,
                "headings": headings,
                "human_oversight": human_oversight,
                "inputs": inputs,
                "intended_purpose": intended_purpose,
                "intended_users": intended_users,
                "limitations": limitations,
                "links": links,
                "locale": locale,
                "must_not_use_for": must_not_use_for,
                "not_said_rule": not_said_rule,
                "policy_version": policy_version,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_evaluation import CardEvaluation  # noqa: PLC0415
        from ..models.card_factor import CardFactor  # noqa: PLC0415
        from ..models.card_input import CardInput  # noqa: PLC0415
        from ..models.card_link import CardLink  # noqa: PLC0415
        from ..models.sections import Sections  # noqa: PLC0415

        d = dict(src_dict)
        data_handling = cast(list[str], d.pop("data_handling"))

        evaluation = CardEvaluation.from_dict(d.pop("evaluation"))

        factors = []
        _factors = d.pop("factors")
        for factors_item_data in _factors:
            factors_item = CardFactor.from_dict(factors_item_data)

            factors.append(factors_item)

        failure_modes = cast(list[str], d.pop("failure_modes"))

        headings = Sections.from_dict(d.pop("headings"))

        human_oversight = cast(list[str], d.pop("human_oversight"))

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = CardInput.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        intended_purpose = d.pop("intended_purpose")

        intended_users = cast(list[str], d.pop("intended_users"))

        limitations = cast(list[str], d.pop("limitations"))

        links = []
        _links = d.pop("links")
        for links_item_data in _links:
            links_item = CardLink.from_dict(links_item_data)

            links.append(links_item)

        locale = d.pop("locale")

        must_not_use_for = cast(list[str], d.pop("must_not_use_for"))

        not_said_rule = d.pop("not_said_rule")

        policy_version = d.pop("policy_version")

        title = d.pop("title")

        policy_card = cls(
            data_handling=data_handling,
            evaluation=evaluation,
            factors=factors,
            failure_modes=failure_modes,
            headings=headings,
            human_oversight=human_oversight,
            inputs=inputs,
            intended_purpose=intended_purpose,
            intended_users=intended_users,
            limitations=limitations,
            links=links,
            locale=locale,
            must_not_use_for=must_not_use_for,
            not_said_rule=not_said_rule,
            policy_version=policy_version,
            title=title,
        )

        policy_card.additional_properties = d
        return policy_card

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
