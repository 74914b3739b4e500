"""GraphQL documents of the subscriptions."""

LABEL_CREATED_OR_UPDATED = """
subscription labelCreatedOrUpdated($projectID: ID!) {
  data: labelCreatedOrUpdated(projectID: $projectID) {
    id
    assetId
    author { id email }
    createdAt
    jsonResponse
    labelOf { id }
    labelType
  }
}
"""

READY_PROBE = """
query subscriptionReady { __typename }
"""
"""Sent after a subscription on the same connection: its answer shows the server took it."""
