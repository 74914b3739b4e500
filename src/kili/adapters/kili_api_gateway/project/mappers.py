"""Translation of project filters and inputs into the API's variables."""

from __future__ import annotations

import json
from typing import Any

from kili.adapters.kili_api_gateway.variables import listed, without_none
from kili.domain.project import ProjectFilters, ProjectToCreate


def project_where(filters: ProjectFilters) -> dict[str, Any]:
    """Build the `ProjectWhere` variable for `filters`."""
    where: dict[str, Any] = {
        "id": filters.id,
        "searchQuery": filters.search_query,
        "createdAtGte": filters.created_at_gte,
        "updatedAtGte": filters.updated_at_gte,
        "updatedAtLte": filters.updated_at_lte,
        "archived": filters.archived,
        "starred": filters.starred,
        "tagIds": listed(filters.tag_ids),
        "organizationId": filters.organization_id,
        "deleted": filters.deleted,
    }
    return without_none(where)


def create_project_data(project: ProjectToCreate) -> dict[str, Any]:
    """Build the `CreateProjectData` variable for `project`.

    Copying and tagging are further requests of the use case; they have no field here.
    A project made from a demo template may have no interface: `null` is then sent.
    """
    data: dict[str, Any] = {
        "title": project.title,
        "description": project.description,
        "inputType": project.input_type,
        "jsonInterface": json.dumps(project.json_interface),
    }
    if project.compliance_tags:
        data["complianceTags"] = list(project.compliance_tags)
    if project.from_demo_project is not None:
        data["fromDemoProject"] = project.from_demo_project
    return data
