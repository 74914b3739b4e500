"""Reading one project by id: written once, used by every use case that needs a project."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectFilters, ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import NotFound

if TYPE_CHECKING:
    from kili.use_cases.port import ProjectLookup


def project_by_id(
    gateway: ProjectLookup, project_id: ProjectId, fields: FieldPaths
) -> dict[str, Any]:
    """Return one project with `fields`.

    Raises:
        NotFound: The project does not exist or is not visible to this user.
    """
    options = QueryOptions(first=1, disable_tqdm=True)
    for row in gateway.list_projects(ProjectFilters(id=project_id), fields, options):
        return row
    raise NotFound(f"No project has the id {project_id!r}, or it is not visible to you.")
