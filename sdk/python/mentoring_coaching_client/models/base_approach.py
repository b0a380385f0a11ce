from enum import StrEnum


class BaseApproach(StrEnum):
    COACHING = "coaching"
    HYBRID = "hybrid"
    MENTORING = "mentoring"

    def __str__(self) -> str:
        return str(self.value)
