"""Operations the official SDK 26.2.4 sends under names the published contract lacks.

The contract (`schema.graphql`) is the API reference the SDK of this project is built
on. The official SDK 26.2.4 reaches some of the same features through newer
operations: per-asset actions that answer, asset by asset, what succeeded, what was
declined and what failed. The emulator serves them too, declared here as an extension
of the contract, so that code written against the official SDK runs on it unchanged.
"""

from __future__ import annotations

OFFICIAL_SDL = '''
"""One asset of an asset action, as the official SDK 26.2.4 reads it."""
type AssetActionItem {
  assetId: ID!
  externalId: String
  """Why the action failed on this asset."""
  details: String
}

"""What an asset action did, asset by asset."""
type AssetActionOutcome {
  """Assets the action applied to."""
  succeeded: [AssetActionItem!]!
  """Assets the action does not apply to (adding an unlabeled asset to review)."""
  declined: [AssetActionItem!]!
  """Assets the action could not be applied to."""
  failed: [AssetActionItem!]!
}

"""A batch of assets to import in the background, as the official SDK 26.2.4 sends it."""
input AppendManyAssetsAsynchronouslyData {
  contentArray: [String]
  externalIDArray: [String]
  idArray: [ID]
  jsonContentArray: [String]
  jsonMetadataArray: [String]
  """How Kili processes the files (TILED_IMAGE, NATIVE_VIDEO, ...); unused by the emulator."""
  uploadType: String
}

"""Where to PUT the bytes of a file answering a label's job, and the id to answer with."""
type AnnotationFileUpload {
  fileId: String!
  uploadUrl: String!
}

extend type Query {
  """URL serving a file a label's job answers with, on an asset of the project."""
  annotationFileUrl(projectId: ID!, assetId: ID!, fileId: String!): String
}

extend input CopyLabelsInput {
  """
  Defer the recomputation of the target project's figures; the official SDK sets it on
  every asset of a copy but the last. The emulator computes them when read, so it has
  nothing to defer.
  """
  skipRebuilds: Boolean
}

extend type Mutation {
  """Make room for a file answering a job on an asset; PUT its bytes to `uploadUrl`."""
  createAnnotationFileUpload(projectId: ID!, assetId: ID!): AnnotationFileUpload
  """Import assets; the notification returned says when the import is over."""
  appendManyAssetsAsynchronously(
    data: AppendManyAssetsAsynchronouslyData!
    where: ProjectWhere!
  ): Notification
  """Move labeled assets to review; others are declined."""
  addAssetsToReview(where: AssetWhere!): AssetActionOutcome
  """Send assets back to labeling."""
  sendAssetsBackToQueue(where: AssetWhere!): AssetActionOutcome
  """Assign assets to the users of `userIds`, who must be members of the project."""
  assignAssets(where: AssetWhere!, userIds: [String!]!): AssetActionOutcome
  """Set the labeling priority of assets."""
  setAssetsPriority(where: AssetWhere!, priority: Int!): AssetActionOutcome
  """Delete assets with their labels."""
  deleteAssets(where: AssetWhere!): AssetActionOutcome
}
'''
"""The extension of the contract the emulator serves along with it."""
