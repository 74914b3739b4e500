"""Files that answer a label's job (renders, scene files), kept with the asset's files.

The official SDK 26.2.4 uploads such a file in two steps, the way the bucket is used for
assets: the server names the file and signs an upload URL, the client PUTs the bytes
there and writes `{"fileId": ...}` in the label. Reading the file back asks the server
for its URL, which API-key holders of the organization may read.
"""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.files import check_file_path, file_url
from kili_emulator.permissions import LABEL_ASSETS, READ_PROJECT, ProjectRight, require_project
from kili_emulator.storage import new_id
from kili_emulator.store import assets

query = QueryType()
mutation = MutationType()


def _file_path(
    ctx: RequestContext, project_id: str, asset_id: str, file_id: str, right: ProjectRight
) -> str:
    """Return the bucket path of a file of an asset, once the asset and the right are checked.

    Raises:
        NotFoundError: The asset is not an asset of the project visible to the viewer.
        ForbiddenError: The viewer's role lacks `right`.
    """
    require_project(ctx, project_id, right)
    asset = assets.ASSETS.single(ctx, {"id": asset_id, "project": {"id": project_id}})
    return check_file_path(f"projects/{project_id}/assets/{asset['id']}/files/{file_id}")


@mutation.field("createAnnotationFileUpload")
def resolve_create_annotation_file_upload(
    _obj: Any, info: Info, **arguments: str
) -> dict[str, str]:
    """Name a new file of the asset and sign the URL its bytes go to (LABELER and up)."""
    ctx = context_of(info)
    file_id = new_id()
    path = _file_path(ctx, arguments["projectId"], arguments["assetId"], file_id, LABEL_ASSETS)
    return {
        "fileId": file_id,
        "uploadUrl": ctx.signer.signed_url(ctx.base_url, ctx.organization_id, path),
    }


@query.field("annotationFileUrl")
def resolve_annotation_file_url(_obj: Any, info: Info, **arguments: str) -> str:
    """Return the URL serving a file of the asset; an unknown file answers 404 there."""
    ctx = context_of(info)
    path = _file_path(
        ctx, arguments["projectId"], arguments["assetId"], arguments["fileId"], READ_PROJECT
    )
    return file_url(ctx.base_url, path)


OFFICIAL_NAME_BINDABLES = [query, mutation]
