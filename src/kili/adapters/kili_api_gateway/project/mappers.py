"""Translation of project filters and inputs into the API's variables."""

from __future__ import annotations

import json
from typing import Any

from kili.adapters.kili_api_gateway.variables import listed, without_none
from kili.domain.project import SETTING_FIELDS, ProjectFilters, ProjectToCreate, ProjectUpdate


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
    if project.pixel_labeling:
        # Omitted rather than sent as false, as the API's older versions do not know it.
        data["pixelLabeling"] = True
    return data


def project_data(update: ProjectUpdate) -> dict[str, Any]:
    """Build the `ProjectData` variable for `update`: only the settings it changes."""
    data: dict[str, Any] = {}
    for attribute in update.changed():
        field, value = SETTING_FIELDS[attribute], getattr(update, attribute)
        if attribute == "json_interface":
            value = json.dumps(value)
        elif attribute == "compliance_tags":
            value = list(value)
        data[field] = value
    return data
