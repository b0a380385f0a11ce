from enum import StrEnum


class RelationshipPreference(StrEnum):
    AI_TOOL = "ai_tool"
    JUNIOR_COLLEAGUES = "junior_colleagues"
    NO_PREFERENCE = "no_preference"
    PEERS = "peers"
    SEVERAL_MENTORS = "several_mentors"
    SINGLE_SENIOR = "single_senior"

    def __str__(self) -> str:
        return str(self.value)
