from enum import StrEnum


class QuestionKind(StrEnum):
    NUMBER = "number"
    ONE_OF = "one_of"
    SEVERAL_OF = "several_of"
    YES_NO = "yes_no"

    def __str__(self) -> str:
        return str(self.value)
