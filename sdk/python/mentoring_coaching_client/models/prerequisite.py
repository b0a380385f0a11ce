from enum import StrEnum


class Prerequisite(StrEnum):
    AI_ACCEPTABLE = "ai_acceptable"
    COACH_BUDGET = "coach_budget"
    PEERS_AVAILABLE = "peers_available"
    SENIOR_LEARNS_FROM_JUNIORS = "senior_learns_from_juniors"
    SPONSORS_AVAILABLE = "sponsors_available"

    def __str__(self) -> str:
        return str(self.value)
