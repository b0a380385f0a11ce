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
        about (str): Provider, version, release date, licence and contact, as a sentence.
        contact (str): Where to reach the provider.
        data_handling (list[str]):
        evaluation (CardEvaluation):
        factors (list[CardFactor]):
        failure_modes (list[str]):
        headings (Sections):
        human_oversight (list[str]):
        inputs (list[CardInput]):
        intended_purpose (str):
        intended_users (list[str]):
        licence (str): The licence the provider grants.
        limitations (list[str]):
        links (list[CardLink]):
        locale (str):
        method (str): How the recommendation works: a hand-weighted rule system.
        must_not_use_for (list[str]):
        not_said_rule (str):
        policy_version (str):
        provider (str): Who provides the recommendation and this card.
        regulatory_status (list[str]): Regulatory status under the EU AI Act, and the likeliest misuse.
        released (str): When this policy version was released (ISO date), if recorded.
        results_by_group (list[str]): How the first choice differs by career stage and by language, and what a deployer
            must do about it.
        review (list[str]): Who reviews the weights, how often, and how long a version serves.
        title (str):
    """

    about: str
    contact: str
    data_handling: list[str]
    evaluation: CardEvaluation
    factors: list[CardFactor]
    failure_modes: list[str]
    headings: Sections
    human_oversight: list[str]
    inputs: list[CardInput]
    intended_purpose: str
    intended_users: list[str]
    licence: str
    limitations: list[str]
    links: list[CardLink]
    locale: str
    method: str
    must_not_use_for: list[str]
    not_said_rule: str
    policy_version: str
    provider: str
    regulatory_status: list[str]
    released: str
    results_by_group: list[str]
    review: list[str]
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        about = self.about

        contact = self.contact

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

        licence = self.licence

        limitations = self.limitations

        links = []
        for links_item_data in self.links:
            links_item = links_item_data.to_dict()
            links.append(links_item)

        locale = self.locale

        method = self.method

        must_not_use_for = self.must_not_use_for

        not_said_rule = self.not_said_rule

        policy_version = self.policy_version

        provider = self.provider

        regulatory_status = self.regulatory_status

        released = self.released

        results_by_group = self.results_by_group

        review = self.review

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "about": about,
                "contact": contact,
                "data_handling": data_handling,
                "evaluation": evaluation,
                "factors": factors,
                "failure_modes": failure_modes,
                "headings": headings,
                "human_oversight": human_oversight,
                "inputs": inputs,
                "intended_purpose": intended_purpose,
                "intended_users": intended_users,
                "licence": licence,
                "limitations": limitations,
                "links": links,
                "locale": locale,
                "method": method,
                "must_not_use_for": must_not_use_for,
                "not_said_rule": not_said_rule,
                "policy_version": policy_version,
                "provider": provider,
                "regulatory_status": regulatory_status,
                "released": released,
                "results_by_group": results_by_group,
                "review": review,
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
        about = d.pop("about")

        contact = d.pop("contact")

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

        licence = d.pop("licence")

        limitations = cast(list[str], d.pop("limitations"))

        links = []
        _links = d.pop("links")
        for links_item_data in _links:
            links_item = CardLink.from_dict(links_item_data)

            links.append(links_item)

        locale = d.pop("locale")

        method = d.pop("method")

        must_not_use_for = cast(list[str], d.pop("must_not_use_for"))

        not_said_rule = d.pop("not_said_rule")

        policy_version = d.pop("policy_version")

        provider = d.pop("provider")

        regulatory_status = cast(list[str], d.pop("regulatory_status"))

        released = d.pop("released")

        results_by_group = cast(list[str], d.pop("results_by_group"))

        review = cast(list[str], d.pop("review"))

        title = d.pop("title")

        policy_card = cls(
            about=about,
            contact=contact,
            data_handling=data_handling,
            evaluation=evaluation,
            factors=factors,
            failure_modes=failure_modes,
            headings=headings,
            human_oversight=human_oversight,
            inputs=inputs,
            intended_purpose=intended_purpose,
            intended_users=intended_users,
            licence=licence,
            limitations=limitations,
            links=links,
            locale=locale,
            method=method,
            must_not_use_for=must_not_use_for,
            not_said_rule=not_said_rule,
            policy_version=policy_version,
            provider=provider,
            regulatory_status=regulatory_status,
            released=released,
            results_by_group=results_by_group,
            review=review,
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
