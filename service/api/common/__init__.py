"""What both doors share and neither owns: locale resolution, conditional requests (ETags),
paging, JSON limits, kept content answers and the caller's organisation policy. REST
(`api/rest/`) and GraphQL (`api/graphql/`) import from here and never from each other; problems
map in `service/problems.py`, access is declared with `service/security/scopes.py`.
"""
