from enum import StrEnum


class Factor(StrEnum):
    CAREER_STAGE = "career_stage"
    CONTEXT = "context"
    GOALS = "goals"
    HORIZON = "horizon"
    RELATIONSHIP = "relationship"
    STRUCTURE = "structure"
    TIME = "time"
    URGENCY = "urgency"

    def __str__(self) -> str:
        return str(self.value)
