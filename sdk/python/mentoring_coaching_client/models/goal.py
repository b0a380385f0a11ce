from enum import StrEnum


class Goal(StrEnum):
    ADVANCEMENT_VISIBILITY = "advancement_visibility"
    BEHAVIOUR_CHANGE = "behaviour_change"
    CAREER_NAVIGATION = "career_navigation"
    DIGITAL_FLUENCY = "digital_fluency"
    IMMEDIATE_CHALLENGE = "immediate_challenge"
    INDUSTRY_KNOWLEDGE = "industry_knowledge"
    LEADERSHIP_DEVELOPMENT = "leadership_development"
    NETWORK_BUILDING = "network_building"
    PEER_LEARNING = "peer_learning"
    PERFORMANCE_IMPROVEMENT = "performance_improvement"
    SPECIFIC_SKILL = "specific_skill"

    def __str__(self) -> str:
        return str(self.value)
