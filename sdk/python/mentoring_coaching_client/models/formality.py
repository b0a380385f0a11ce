from enum import StrEnum


class Formality(StrEnum):
    INFORMAL = "informal"
    SEMI_STRUCTURED = "semi_structured"
    STRUCTURED = "structured"

    def __str__(self) -> str:
        return str(self.value)
