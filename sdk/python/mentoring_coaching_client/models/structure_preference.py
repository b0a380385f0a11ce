from enum import StrEnum


class StructurePreference(StrEnum):
    INFORMAL = "informal"
    NO_PREFERENCE = "no_preference"
    SEMI_STRUCTURED = "semi_structured"
    STRUCTURED = "structured"

    def __str__(self) -> str:
        return str(self.value)
