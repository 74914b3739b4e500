"""GraphQL documents of the asset domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

ASSETS = PaginatedQuery(
    field="assets",
    where_type="AssetWhere",
    count_field="countAssets",
    json_fields=(
        "jsonContent",
        "jsonMetadata",
        "labels.jsonResponse",
        "latestLabel.jsonResponse",
        "latestLabels.jsonResponse",
    ),
)

APPEND_MANY_ASSETS = """
mutation appendManyAssets($data: AppendManyAssetsData!, $where: ProjectWhere!) {
  data: appendManyAssets(data: $data, where: $where) { id externalId }
}
"""

UPDATE_PROPERTIES_IN_ASSETS = """
mutation updatePropertiesInAssets($where: [AssetWhere!]!, $data: [AssetData!]!) {
  data: updatePropertiesInAssets(where: $where, data: $data) { id }
}
"""

DELETE_MANY_FROM_DATASET = """
mutation deleteManyFromDataset($where: AssetWhere!) {
  data: deleteManyFromDataset(where: $where) { id }
}
"""

ADD_ALL_LABELED_ASSETS_TO_REVIEW = """
mutation addAllLabeledAssetsToReview($where: AssetWhere!) {
  data: addAllLabeledAssetsToReview(where: $where) { id }
}
"""

SEND_BACK_ASSETS_TO_QUEUE = """
mutation sendBackAssetsToQueue($where: AssetWhere!) {
  data: sendBackAssetsToQueue(where: $where) { id }
}
"""

FILTER_EXISTING_ASSETS = """
query filterExistingAssets($projectID: ID!, $externalIDs: [String!]!) {
  data: filterExistingAssets(projectID: $projectID, externalIDs: $externalIDs)
}
"""

CREATE_UPLOAD_BUCKET_SIGNED_URLS = """
query createUploadBucketSignedUrls($filePaths: [String!]) {
  data: createUploadBucketSignedUrls(filePaths: $filePaths)
}
"""

SET_ASSET_CONSENSUS = """
mutation setAssetConsensus($projectId: ID!, $assetId: ID, $isConsensus: Boolean!) {
  data: setAssetConsensus(projectId: $projectId, assetId: $assetId, isConsensus: $isConsensus)
}
"""

SKIP_ASSET = """
mutation skipAsset($reason: String!, $where: AssetWhere!) {
  data: skipAsset(reason: $reason, where: $where) { id }
}
"""

UNSKIP_ASSET = """
mutation unskipAsset($projectId: ID!, $assetId: ID!) {
  data: unskipAsset(projectId: $projectId, assetId: $assetId)
}
"""
