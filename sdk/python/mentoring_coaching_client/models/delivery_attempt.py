from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_attempt_delivery_status import DeliveryAttemptDeliveryStatus
from ..models.delivery_attempt_outcome import DeliveryAttemptOutcome

T = TypeVar("T", bound="DeliveryAttempt")


@_attrs_define
class DeliveryAttempt:
    """
    Attributes:
        attempt (int):
        attempted_at (datetime.datetime):
        delivery_id (int):
        delivery_status (DeliveryAttemptDeliveryStatus): The delivery as a whole, now: `pending` (an attempt is due),
            `delivered` (one of its attempts delivered) or `failed` (none did, and none is due). Not this attempt's: see
            `outcome`.
        duration_ms (int):
        error (None | str):
        event_type (str):
        next_retry_at (datetime.datetime | None): When the next attempt is due; null when delivered or given up.
        outcome (DeliveryAttemptOutcome): This attempt: `delivered` (the receiver answered 2xx), `retrying` (it failed
            and another attempt is due at `next_retry_at`) or `failed` (it failed and was the last: retries exhausted, or a
            ping, which is never retried).
        status_code (int | None):
        webhook_id (str):
    """

    attempt: int
    attempted_at: datetime.datetime
    delivery_id: int
    delivery_status: DeliveryAttemptDeliveryStatus
    duration_ms: int
    error: None | str
    event_type: str
    next_retry_at: datetime.datetime | None
    outcome: DeliveryAttemptOutcome
    status_code: int | None
    webhook_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt = self.attempt

        attempted_at = self.attempted_at.isoformat()

        delivery_id = self.delivery_id

        delivery_status = self.delivery_status.value

        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        event_type = self.event_type

        next_retry_at: None | str
        if isinstance(self.next_retry_at, datetime.datetime):
            next_retry_at = self.next_retry_at.isoformat()
        else:
            next_retry_at = self.next_retry_at

        outcome = self.outcome.value

        status_code: int | None
        status_code = self.status_code

        webhook_id = self.webhook_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt": attempt,
                "attempted_at": attempted_at,
                "delivery_id": delivery_id,
                "delivery_status": delivery_status,
                "duration_ms": duration_ms,
                "error": error,
                "event_type": event_type,
                "next_retry_at": next_retry_at,
                "outcome": outcome,
                "status_code": status_code,
                "webhook_id": webhook_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempt = d.pop("attempt")

        attempted_at = datetime.datetime.fromisoformat(d.pop("attempted_at"))

        delivery_id = d.pop("delivery_id")

        delivery_status = DeliveryAttemptDeliveryStatus(d.pop("delivery_status"))

        duration_ms = d.pop("duration_ms")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        event_type = d.pop("event_type")

        def _parse_next_retry_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_retry_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_retry_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_retry_at = _parse_next_retry_at(d.pop("next_retry_at"))

        outcome = DeliveryAttemptOutcome(d.pop("outcome"))

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        webhook_id = d.pop("webhook_id")

        delivery_attempt = cls(
            attempt=attempt,
            attempted_at=attempted_at,
            delivery_id=delivery_id,
            delivery_status=delivery_status,
            duration_ms=duration_ms,
            error=error,
            event_type=event_type,
            next_retry_at=next_retry_at,
            outcome=outcome,
            status_code=status_code,
            webhook_id=webhook_id,
        )

        delivery_attempt.additional_properties = d
        return delivery_attempt

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
