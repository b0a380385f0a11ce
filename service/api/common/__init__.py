"""What both doors share and neither owns: locale resolution, conditional requests (ETags),
paging, and scope declarations. REST (`api/rest/`) and GraphQL (`api/graphql/`) import from
here and never from each other; problems map in `service/api/problems.py`.
"""
