from enum import StrEnum


class GoalTrack(StrEnum):
    GROWTH = "growth"
    SKILL = "skill"

    def __str__(self) -> str:
        return str(self.value)
