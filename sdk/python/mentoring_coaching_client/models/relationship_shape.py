from enum import StrEnum


class RelationshipShape(StrEnum):
    AI = "ai"
    HIERARCHICAL = "hierarchical"
    NETWORK = "network"
    PEER = "peer"
    REVERSE = "reverse"
    SPONSOR = "sponsor"

    def __str__(self) -> str:
        return str(self.value)
