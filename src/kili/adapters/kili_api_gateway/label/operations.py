"""GraphQL documents of the label domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

LABELS = PaginatedQuery(
    field="labels",
    where_type="LabelWhere",
    count_field="countLabels",
    json_fields=(
        "jsonResponse",
        "labelOf.jsonMetadata",
        "labelOf.labels.jsonResponse",
        "labelOf.latestLabel.jsonResponse",
    ),
)

APPEND_MANY_LABELS = """
mutation appendManyLabels($data: AppendManyLabelsData!, $where: AssetWhere!) {
  data: appendManyLabels(data: $data, where: $where) { id }
}
"""

CREATE_HONEYPOT = """
mutation createHoneypot($data: CreateHoneypotData!, $where: AssetWhere!) {
  data: createHoneypot(data: $data, where: $where) { id }
}
"""

UPDATE_PROPERTIES_IN_LABEL = """
mutation updatePropertiesInLabel($data: LabelData!, $where: LabelWhere!) {
  data: updatePropertiesInLabel(data: $data, where: $where) { id }
}
"""

DELETE_LABELS = """
mutation deleteLabels($ids: [ID!]!) {
  data: deleteLabels(ids: $ids)
}
"""
