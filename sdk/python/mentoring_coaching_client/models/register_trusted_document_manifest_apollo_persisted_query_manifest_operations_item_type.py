from enum import StrEnum


class RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType(StrEnum):
    MUTATION = "mutation"
    QUERY = "query"
    SUBSCRIPTION = "subscription"

    def __str__(self) -> str:
        return str(self.value)
