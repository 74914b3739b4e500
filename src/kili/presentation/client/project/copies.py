"""Client method copying projects."""

from __future__ import annotations

from kili.domain.project import ProjectCopy, ProjectId
from kili.exceptions import InvalidArgumentError
from kili.presentation.client.arguments import checked
from kili.presentation.client.base import ClientBase
from kili.use_cases.project_copy import ProjectCopyUseCases


class ProjectCopyMethods(ClientBase):
    """Methods of `Kili` copying projects."""

    @checked
    def copy_project(
        self,
        from_project_id: str,
        title: str | None = None,
        description: str | None = None,
        copy_json_interface: bool = True,
        copy_quality_settings: bool = True,
        copy_members: bool = True,
        copy_assets: bool = False,
        copy_labels: bool = False,
        disable_tqdm: bool | None = None,
    ) -> str:
        """Create a project from an existing one: interface, settings, and more on request.

        Verified, not idempotent: each call makes a new project. If the connection drops
        after the copy is sent, the SDK looks for a project with the source's title made
        by you since then, and copies again only if there is none; the title and the
        description are then set by an idempotent write. Labels are copied asset by
        asset; after an uncertain attempt the target asset's labels are counted and
        the copy is resent only if some are missing. A re-run makes another copy.

        Args:
            from_project_id: Id of the project to copy.
            title: Title of the copy; `None` gives the source's title followed by
                " (copy)" (or " (copy N)" when taken).
            description: Description of the copy; `None` leaves it empty.
            copy_json_interface: Deprecated: the interface is always copied; `False` is
                refused.
            copy_quality_settings: Deprecated: the quality settings are always copied;
                `False` is refused.
            copy_members: Add the source's members to the copy, with their roles.
            copy_assets: Copy the source's assets (without their labels).
            copy_labels: Copy the labels too, asset by asset; needs `copy_assets` and
                `copy_members`.
            disable_tqdm: Hide the progress bar of the label copy.

        Returns:
            The id of the new project.

        Raises:
            InvalidArgumentError: `copy_json_interface` or `copy_quality_settings` is
                `False`, or the source is an LLM project.
            IncompatibleArgumentsError: `copy_labels` without `copy_assets` and
                `copy_members`.
            NotFound: The source does not exist or is not visible to you.
            PermissionDenied: Your role in the source may not change its settings.
            UncertainBatchWriteError: The server stayed unreachable.
        """
        if not copy_json_interface or not copy_quality_settings:
            raise InvalidArgumentError(
                "`copy_json_interface` and `copy_quality_settings` are deprecated: the "
                "interface and the quality settings are always copied; leave them `True`."
            )
        copy = ProjectCopy(
            source_id=ProjectId(from_project_id),
            title=title,
            description=description,
            copy_members=copy_members,
            copy_assets=copy_assets,
            copy_labels=copy_labels,
        )
        copied = ProjectCopyUseCases(self.kili_api_gateway).copy_project(
            copy, disable_tqdm=self._hide_progress(disable_tqdm)
        )
        return str(copied)
