"""Signed upload URLs, as Kili's `createUploadBucketSignedUrls` hands them out.

The URLs point back at this emulator's file routes (see `kili_emulator.files`).
"""

from __future__ import annotations

from typing import Any

from ariadne import QueryType

from kili_emulator.context import Info, context_of
from kili_emulator.files import check_file_path
from kili_emulator.permissions import EDIT_ASSETS, require_project

query = QueryType()


@query.field("createUploadBucketSignedUrls")
def resolve_signed_urls(_obj: Any, info: Info, **args: Any) -> list[str]:
    """Return one signed PUT URL per path; paths under ``projects/<id>/`` need EDIT_ASSETS.

    Each URL writes in the viewer's organization's namespace only.
    """
    ctx = context_of(info)
    paths: list[str] = args.get("filePaths") or []
    for path in paths:
        check_file_path(path)
        parts = path.split("/")
        if parts[0] == "projects":
            require_project(ctx, parts[1], EDIT_ASSETS)
    return [ctx.signer.signed_url(ctx.base_url, ctx.organization_id, path) for path in paths]


BINDABLES = [query]
