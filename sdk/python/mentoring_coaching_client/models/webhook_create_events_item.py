from enum import StrEnum


class WebhookCreateEventsItem(StrEnum):
    CONTENT_RELEASED = "content.released"
    POLICY_RELEASED = "policy.released"

    def __str__(self) -> str:
        return str(self.value)
