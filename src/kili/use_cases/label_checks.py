"""Checks of annotations before any label is written: JSON objects fitting their interface.

Shared by every label write (imports, honeypots, updates); each project's interface is
read once per call.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kili.domain.label import json_response_problem_in
from kili.domain.project import ProjectId
from kili.exceptions import ArgumentTypeError, InvalidArgumentError, MissingArgumentError, NotFound
from kili.use_cases.batching import concurrency_of, read_in_chunks
from kili.use_cases.project_lookup import project_by_id

if TYPE_CHECKING:
    from kili.domain.asset import AssetId
    from kili.use_cases.port import LabelJobsLookup

ASSET_IDS_PER_READ = 500
"""Asset ids whose project is read per request: one page of the API's largest size."""


def check_jobs(
    gateway: LabelJobsLookup,
    json_responses: Sequence[Mapping[str, Any]],
    asset_ids: Sequence[AssetId] | None,
    project_id: ProjectId | None,
) -> None:
    """Check that each annotation names only jobs of its asset's project.

    Each project's interface is read once. Without `project_id`, the projects are
    those of `asset_ids`, read in one pass that also reveals unknown assets.

    Raises:
        InvalidArgumentError: An annotation names a job its project does not have.
        NotFound: Some of `asset_ids` do not exist; they are listed.
        MissingArgumentError: Neither the project nor the assets are given.
    """
    if project_id is not None:
        projects = [project_id] * len(json_responses)
    elif asset_ids is not None:
        projects = _projects_of_assets(gateway, asset_ids)
    else:
        raise MissingArgumentError("Give the project of the labels, or their assets.")
    interfaces: dict[ProjectId, tuple[Mapping[str, Any], str | None]] = {}
    for index, (json_response, project) in enumerate(zip(json_responses, projects, strict=True)):
        if not json_response:
            continue
        if project not in interfaces:
            fields = ("inputType", "jsonInterface")
            row = project_by_id(gateway, project, fields)
            interfaces[project] = jobs_of(row), row.get("inputType")
        jobs, input_type = interfaces[project]
        problem = json_response_problem_in(json_response, jobs, input_type)
        if problem:
            where = f"[{index}]" if len(json_responses) > 1 else ""
            raise InvalidArgumentError(
                f"json_response{where} does not fit project {project}: {problem}."
            )


def _projects_of_assets(gateway: LabelJobsLookup, asset_ids: Sequence[AssetId]) -> list[ProjectId]:
    found: dict[AssetId, ProjectId] = {}
    for chunk_found in read_in_chunks(
        list(dict.fromkeys(asset_ids)),
        ASSET_IDS_PER_READ,
        gateway.project_ids_of_assets,
        max_concurrency=concurrency_of(gateway),
    ):
        found.update(chunk_found)
    missing = list(dict.fromkeys(asset_id for asset_id in asset_ids if asset_id not in found))
    if missing:
        raise NotFound(f"No asset has the id {', '.join(map(repr, missing))}.")
    return [found[asset_id] for asset_id in asset_ids]


def jobs_of(project: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return the jobs of a project row's `jsonInterface`, empty when it has none."""
    interface = project.get("jsonInterface") or {}
    jobs = interface.get("jobs") if isinstance(interface, Mapping) else None
    return jobs if isinstance(jobs, Mapping) else {}


def check_json_objects(json_responses: Sequence[Any], argument: str) -> None:
    """Refuse annotations that are not JSON objects, naming the first offender.

    Raises:
        ArgumentTypeError: An annotation is not a mapping.
        InvalidArgumentError: An annotation cannot be written as JSON.
    """
    for index, json_response in enumerate(json_responses):
        where = f"{argument}[{index}]" if len(json_responses) > 1 else argument
        if not isinstance(json_response, Mapping):
            raise ArgumentTypeError(
                f"{where} must be a JSON object (a dict of jobs), "
                f"got {type(json_response).__name__}."
            )
        try:
            json.dumps(json_response)
        except (TypeError, ValueError) as error:
            raise InvalidArgumentError(f"{where} cannot be written as JSON: {error}") from None
