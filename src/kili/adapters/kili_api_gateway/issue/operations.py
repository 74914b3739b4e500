"""GraphQL documents of the issue domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

ISSUES = PaginatedQuery(field="issues", where_type="IssueWhere", count_field="countIssues")

CREATE_ISSUES = """
mutation createIssues($issues: [IssueToCreate!]!, $where: AssetWhere!) {
  data: createIssues(issues: $issues, where: $where) { id }
}
"""

UPDATE_ISSUE = """
mutation updatePropertiesInIssue($data: IssueData!, $where: IssueWhere!) {
  data: updatePropertiesInIssue(data: $data, where: $where) { id }
}
"""
