"""Closed vocabularies shared by the content catalogue, the recommendation engine and both APIs.

Values are stable API strings: add new members, never rename or remove one.
"""

from enum import StrEnum


class BaseApproach(StrEnum):
    MENTORING = "mentoring"
    COACHING = "coaching"
    HYBRID = "hybrid"


class RelationshipShape(StrEnum):
    HIERARCHICAL = "hierarchical"  # one more experienced person guides one less experienced
    PEER = "peer"  # colleagues at a similar career stage
    REVERSE = "reverse"  # a junior colleague guides a senior leader
    SPONSOR = "sponsor"  # an influential advocate opens doors
    NETWORK = "network"  # several mentors, each for a facet of growth
    AI = "ai"  # an AI or self-serve platform


class Formality(StrEnum):
    INFORMAL = "informal"
    SEMI_STRUCTURED = "semi_structured"
    STRUCTURED = "structured"


class CareerStage(StrEnum):
    EARLY = "early"
    MID = "mid"
    SENIOR = "senior"
    EXECUTIVE = "executive"


class Goal(StrEnum):
    CAREER_NAVIGATION = "career_navigation"  # long-term career navigation and holistic growth
    NETWORK_BUILDING = "network_building"
    INDUSTRY_KNOWLEDGE = "industry_knowledge"  # industry knowledge and wisdom
    SPECIFIC_SKILL = "specific_skill"
    PERFORMANCE_IMPROVEMENT = "performance_improvement"
    BEHAVIOUR_CHANGE = "behaviour_change"
    IMMEDIATE_CHALLENGE = "immediate_challenge"
    LEADERSHIP_DEVELOPMENT = "leadership_development"
    ADVANCEMENT_VISIBILITY = "advancement_visibility"  # the sponsorship case
    DIGITAL_FLUENCY = "digital_fluency"  # digital fluency and fresh perspectives
    PEER_LEARNING = "peer_learning"  # mutual learning with colleagues at the same stage


class RelationshipPreference(StrEnum):
    SINGLE_SENIOR = "single_senior"
    SEVERAL_MENTORS = "several_mentors"
    PEERS = "peers"
    JUNIOR_COLLEAGUES = "junior_colleagues"
    AI_TOOL = "ai_tool"
    NO_PREFERENCE = "no_preference"


class StructurePreference(StrEnum):
    INFORMAL = "informal"
    SEMI_STRUCTURED = "semi_structured"
    STRUCTURED = "structured"
    NO_PREFERENCE = "no_preference"


class Prerequisite(StrEnum):
    """Context a variant needs from the organisation or the person before it can work."""

    SENIOR_LEARNS_FROM_JUNIORS = "senior_learns_from_juniors"
    SPONSORS_AVAILABLE = "sponsors_available"
    PEERS_AVAILABLE = "peers_available"
    COACH_BUDGET = "coach_budget"
    AI_ACCEPTABLE = "ai_acceptable"
