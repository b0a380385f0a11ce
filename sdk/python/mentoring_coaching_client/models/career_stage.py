from enum import StrEnum


class CareerStage(StrEnum):
    EARLY = "early"
    EXECUTIVE = "executive"
    MID = "mid"
    SENIOR = "senior"

    def __str__(self) -> str:
        return str(self.value)
