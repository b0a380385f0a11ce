from enum import StrEnum


class PrimaryApproach(StrEnum):
    BLEND = "blend"
    COACHING = "coaching"
    MENTORING = "mentoring"

    def __str__(self) -> str:
        return str(self.value)
