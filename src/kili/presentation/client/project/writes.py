"""Client methods writing projects: creation, settings, archiving, anonymization, deletion."""

from __future__ import annotations

from typing import Any, Literal

from kili.domain.project import (
    ComplianceTag,
    DemoProjectType,
    InputType,
    ProjectId,
    ProjectToCreate,
    ProjectUpdate,
)
from kili.domain.query import ListOrTuple
from kili.presentation.client.arguments import checked
from kili.presentation.client.base import ClientBase
from kili.presentation.client.project.arguments import project_update
from kili.use_cases.project import ProjectUseCases


class ProjectWriteMethods(ClientBase):
    """Methods of `Kili` writing projects."""

    @checked
    def create_project(
        self,
        title: str,
        description: str = "",
        input_type: InputType | None = None,
        json_interface: dict[str, Any] | None = None,
        project_id: str | None = None,
        tags: ListOrTuple[str] | None = None,
        compliance_tags: ListOrTuple[ComplianceTag] | None = None,
        from_demo_project: DemoProjectType | None = None,
        pixel_labeling: bool = False,
    ) -> dict[Literal["id"], str]:
        """Create a project, from scratch, as a copy of another, or from a demo template.

        Verified, not idempotent: after an answer that is lost, the projects with this
        title, description and input type made by the current user since the request was
        sent are read back, and the project is created again only if none is found. The
        instructions and tags are then set by idempotent writes.

        Tag labels and the project to copy are checked before anything is created, so a
        refused call leaves no half-made project behind.

        Args:
            title: Title of the project.
            description: Description of the project.
            input_type: Kind of assets: `IMAGE`, `PDF`, `TEXT`, `VIDEO`, ... Required
                unless `project_id` or `from_demo_project` is given.
            json_interface: The jobs of the project (its interface), as a dict. Required
                unless `project_id` or `from_demo_project` is given.
            project_id: Id of a project to copy: the new project takes its input type,
                interface, instructions and tags (`input_type` and `json_interface` are
                then ignored). Its assets, labels and members are not copied.
            tags: Labels of tags to attach to the project; they must already exist in
                the organization.
            compliance_tags: Sensitivity of the data: `PHI`, `PII`.
            from_demo_project: A demo template (`DEMO_COMPUTER_VISION_TUTORIAL`,
                `DEMO_NER`, `DEMO_PDF`, ...) whose interface and assets the project gets.
            pixel_labeling: `GEOSPATIAL` projects only: label the images in their own
                sensor pixel grid. Settable at creation only; not with `project_id` (a
                copy keeps its source's mode) nor with `from_demo_project`.

        Returns:
            A dict with the id of the new project.

        Raises:
            MissingArgumentError: `input_type` or `json_interface` is missing while
                neither `project_id` nor `from_demo_project` is given.
            IncompatibleArgumentsError: `pixel_labeling` with `project_id` or
                `from_demo_project`.
            InvalidArgumentError: A label of `tags` names no tag of the organization, or
                several; the message lists the unknown labels. Or `json_interface` is not
                a valid Kili interface (unknown `mlTask`, input or tool, `jobs` or
                categories that are not dicts), or `pixel_labeling` is asked for a
                project that is not `GEOSPATIAL`.
            NotFound: The project to copy does not exist or is not visible to you.
            UncertainBatchWriteError: The server stayed unreachable; the error says
                whether the project was created.
        """
        project = ProjectToCreate(
            title=title,
            description=description,
            input_type=input_type,
            json_interface=json_interface,
            compliance_tags=tuple(compliance_tags or ()),
            from_demo_project=from_demo_project,
            copied_from=ProjectId(project_id) if project_id is not None else None,
            tag_labels=tuple(tags or ()),
            pixel_labeling=pixel_labeling,
        )
        return {"id": ProjectUseCases(self.kili_api_gateway).create_project(project)}

    @checked
    def update_properties_in_project(
        self,
        project_id: str,
        can_navigate_between_assets: bool | None = None,
        can_skip_asset: bool | None = None,
        compliance_tags: ListOrTuple[ComplianceTag] | None = None,
        consensus_mark: float | None = None,
        consensus_tot_coverage: int | None = None,
        description: str | None = None,
        honeypot_mark: float | None = None,
        instructions: str | None = None,
        input_type: InputType | None = None,
        json_interface: dict[str, Any] | None = None,
        min_consensus_size: int | None = None,
        review_coverage: int | None = None,
        should_relaunch_kpi_computation: bool | None = None,
        title: str | None = None,
        use_honeypot: bool | None = None,
        metadata_types: dict[str, Any] | None = None,
        metadata_properties: dict[str, Any] | None = None,
        seconds_to_label_before_auto_assign: int | None = None,
        should_auto_assign: bool | None = None,
    ) -> dict[str, Any]:
        """Change settings of a project; the arguments left to `None` are not changed.

        Idempotent: every setting is set to a value, so the SDK retries it after a
        dropped connection, and a re-run changes nothing more. All the settings are sent
        in one request: the API applies all of them or none.

        Args:
            project_id: Id of the project.
            can_navigate_between_assets: Show the previous and next buttons to labelers.
            can_skip_asset: Show the skip button to labelers.
            compliance_tags: Sensitivity of the data: `PHI`, `PII`.
            consensus_mark: Between 0 and 1.
            consensus_tot_coverage: Percentage (0 to 100) of the assets labeled by
                several labelers.
            description: Description of the project.
            honeypot_mark: Between 0 and 1.
            instructions: Labeling instructions (a URL or a text).
            input_type: Deprecated and ignored (with a warning): the input type of a
                project cannot change after its creation.
            json_interface: The jobs of the project, as a dict; checked before sending.
            min_consensus_size: Labelers per asset for consensus, 1 to 10.
            review_coverage: Percentage (0 to 100) of the assets queued for review.
            should_relaunch_kpi_computation: Ask the API to compute the quality figures
                again.
            title: Title of the project; not empty.
            use_honeypot: Whether honeypots are used.
            metadata_types: Deprecated (warns): metadata key -> `string`, `number` or
                `date`; turned into `metadata_properties` when those are not given.
            metadata_properties: Metadata key -> properties (`type`, `filterable`,
                `visibleByLabeler`, `visibleByReviewer`); missing properties default to
                `string` and `True`.
            seconds_to_label_before_auto_assign: Deprecated (warns): any value turns
                `should_auto_assign` on, unless it is given.
            should_auto_assign: Assign assets to labelers as they start labeling.

        Returns:
            The project's `id` and the settings that were changed, as the API holds them.

        Raises:
            InvalidArgumentError: A value is out of its range, the title is empty, a
                metadata type is unknown, or `json_interface` is not a valid interface;
                nothing is sent.
            NotFound: The project does not exist or is not visible to you.
            PermissionDenied: Your role in the project may not change its settings.
        """
        update = project_update(
            input_type=input_type,
            metadata_types=metadata_types,
            metadata_properties=metadata_properties,
            seconds_to_label_before_auto_assign=seconds_to_label_before_auto_assign,
            should_auto_assign=should_auto_assign,
            settings=ProjectUpdate(
                can_navigate_between_assets=can_navigate_between_assets,
                can_skip_asset=can_skip_asset,
                compliance_tags=tuple(compliance_tags) if compliance_tags is not None else None,
                consensus_mark=consensus_mark,
                consensus_tot_coverage=consensus_tot_coverage,
                description=description,
                honeypot_mark=honeypot_mark,
                instructions=instructions,
                json_interface=json_interface,
                min_consensus_size=min_consensus_size,
                review_coverage=review_coverage,
                should_relaunch_kpi_computation=should_relaunch_kpi_computation,
                title=title,
                use_honeypot=use_honeypot,
            ),
        )
        return ProjectUseCases(self.kili_api_gateway).update_project(ProjectId(project_id), update)

    @checked
    def archive_project(self, project_id: str) -> dict[Literal["id"], str]:
        """Archive a project: it leaves the default lists, its data is kept.

        Idempotent: archiving an archived project changes nothing, so the SDK retries it
        after a dropped connection, and a re-run is harmless.

        Args:
            project_id: Id of the project.

        Returns:
            A dict with the id of the project.

        Raises:
            NotFound: The project does not exist or is not visible to you.
            PermissionDenied: Your role in the project may not change its settings.
        """
        return self._set_archived(project_id, archived=True)

    @checked
    def unarchive_project(self, project_id: str) -> dict[Literal["id"], str]:
        """Bring an archived project back.

        Idempotent: unarchiving an active project changes nothing, so the SDK retries it
        after a dropped connection, and a re-run is harmless.

        Args:
            project_id: Id of the project.

        Returns:
            A dict with the id of the project.

        Raises:
            NotFound: The project does not exist or is not visible to you.
            PermissionDenied: Your role in the project may not change its settings.
        """
        return self._set_archived(project_id, archived=False)

    def _set_archived(self, project_id: str, *, archived: bool) -> dict[Literal["id"], str]:
        update = ProjectUpdate(archived=archived)
        project = ProjectUseCases(self.kili_api_gateway).update_project(
            ProjectId(project_id), update
        )
        return {"id": project["id"]}

    @checked
    def delete_project(self, project_id: str) -> str:
        """Delete a project permanently, with its assets, labels and members.

        Verified, not idempotent: a second deletion is refused as `NotFound`. If the
        connection drops after sending, the SDK checks whether the project still exists
        and sends the deletion again only then; a re-run after success raises `NotFound`.

        Args:
            project_id: Id of the project.

        Returns:
            The id of the deleted project.

        Raises:
            NotFound: The project does not exist or is not visible to you.
            PermissionDenied: Only a project ADMIN or an organization ADMIN may delete.
            UncertainBatchWriteError: The server stayed unreachable; the error says
                whether the project was deleted.
        """
        return ProjectUseCases(self.kili_api_gateway).delete_project(ProjectId(project_id))

    @checked
    def update_project_anonymization(
        self, project_id: str, should_anonymize: bool = True
    ) -> dict[Literal["id"], str]:
        """Hide (or show again) the members' names from the project's labelers and reviewers.

        Idempotent: the SDK retries it after a dropped connection, and a re-run with the
        same value changes nothing.

        Args:
            project_id: Id of the project.
            should_anonymize: `True` to anonymize, `False` to stop.

        Returns:
            A dict with the id of the project.

        Raises:
            NotFound: The project does not exist or is not visible to you.
            PermissionDenied: Your role in the project may not change its settings.
        """
        anonymized = ProjectUseCases(self.kili_api_gateway).update_project_anonymization(
            ProjectId(project_id), should_anonymize
        )
        return {"id": anonymized}
