from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreatedWebhook")


@_attrs_define
class CreatedWebhook:
    """
    Attributes:
        created_at (datetime.datetime):
        description (str):
        events (list[str]):
        failure_reason (None | str):
        id (str):
        secret (str): Standard Webhooks secret (`whsec_...`); store it now.
        status (str):
        url (str):
    """

    created_at: datetime.datetime
    description: str
    events: list[str]
    failure_reason: None | str
    id: str
    secret: str
    status: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        description = self.description

        events = self.events

        failure_reason: None | str
        failure_reason = self.failure_reason

        id = self.id

        secret = self.secret

        status = self.status

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "description": description,
                "events": events,
                "failure_reason": failure_reason,
                "id": id,
                "secret": secret,
                "status": status,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        events = cast(list[str], d.pop("events"))

        def _parse_failure_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_reason = _parse_failure_reason(d.pop("failure_reason"))

        id = d.pop("id")

        secret = d.pop("secret")

        status = d.pop("status")

        url = d.pop("url")

        created_webhook = cls(
            created_at=created_at,
            description=description,
            events=events,
            failure_reason=failure_reason,
            id=id,
            secret=secret,
            status=status,
            url=url,
        )

        created_webhook.additional_properties = d
        return created_webhook

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
