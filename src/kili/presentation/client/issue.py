"""Client methods about issues and questions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, overload

from kili.domain.asset import AssetId
from kili.domain.issue import IssueFilters, IssueId, IssueStatus, IssueToCreate, IssueType
from kili.domain.label import LabelId
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError, NotFound
from kili.presentation.client.arguments import check_lengths, checked, element, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.use_cases.issue import IssueUseCases
from kili.user_warnings import warn_deprecated

DEFAULT_ISSUE_FIELDS = ("id", "createdAt", "status", "type", "assetId")


class IssueClientMethods(ClientBase):
    """Methods of `Kili` about issues and questions."""

    @checked
    def create_issues(
        self,
        project_id: str,
        label_id_array: ListOrTuple[str],
        object_mid_array: ListOrTuple[str | None] | None = None,
        text_array: ListOrTuple[str | None] | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Open issues on labels, or on objects of labels, in batches of 100.

        Verified, not idempotent: the labels are looked up before anything is sent.
        After an answer that is lost, the issues you opened since the batch was sent
        on the batch's assets are read back, matched by asset, object and text, and
        only the issues not found are sent again. If the server stays unreachable,
        `UncertainBatchWriteError` lists what was opened and what was not; a re-run of
        the whole call would open the issues already opened a second time.

        Args:
            project_id: Id of the project.
            label_id_array: Ids of the labels, one per issue.
            object_mid_array: Mid of the object of the label each issue is about.
            text_array: Text of the first comment of each issue.

        Returns:
            A dict with the id of each issue, in order.

        Raises:
            InvalidArgumentError: The arrays do not have one element per issue.
            NotFound: Some labels are not labels of the project (all are listed).
            UncertainBatchWriteError: The server stayed unreachable.
        """
        check_lengths(
            {
                "label_id_array": label_id_array,
                "object_mid_array": object_mid_array,
                "text_array": text_array,
            },
            per="issue",
        )
        issues = [
            IssueToCreate(
                label_id=LabelId(label_id),
                object_mid=element(object_mid_array, index),
                text=element(text_array, index),
            )
            for index, label_id in enumerate(label_id_array)
        ]
        ids = IssueUseCases(self.kili_api_gateway).create_issues(
            ProjectId(project_id), issues, disable_tqdm=self._hide_progress(None)
        )
        return [{"id": issue_id} for issue_id in ids]

    @checked
    def append_to_issues(
        self,
        label_id: str,
        project_id: str,
        object_mid: str | None = None,
        text: str | None = None,
        type_: IssueType = "ISSUE",
    ) -> dict[str, Any]:
        """Open one issue or question on a label. Deprecated: use `create_issues`.

        Verified, not idempotent: as `create_issues`, of which it is a single-issue call.

        Args:
            label_id: Id of the label.
            project_id: Id of the project of the label.
            object_mid: Mid of the object of the label the issue is about.
            text: Text of the first comment.
            type_: `ISSUE` or `QUESTION`.

        Returns:
            A dict with the id of the issue.

        Raises:
            InvalidArgumentError: The label is not a label of the project (a
                `ValueError`, as in the official SDK).
        """
        warn_deprecated(
            "append_to_issues is deprecated: use create_issues, which opens several "
            "issues in one call."
        )
        issue = IssueToCreate(
            label_id=LabelId(label_id), object_mid=object_mid, text=text, issue_type=type_
        )
        try:
            (issue_id,) = IssueUseCases(self.kili_api_gateway).create_issues(
                ProjectId(project_id), [issue], disable_tqdm=True
            )
        except NotFound as error:
            # The official method refused an unknown label with a ValueError.
            raise InvalidArgumentError(str(error)) from None
        return {"id": issue_id}

    @checked
    def count_issues(
        self,
        project_id: str,
        asset_id: str | None = None,
        asset_id_in: ListOrTuple[str] | None = None,
        issue_type: IssueType | None = None,
        status: IssueStatus | None = None,
    ) -> int:
        """Count the issues and questions of a project that match the criteria.

        Args:
            project_id: Id of the project.
            asset_id: Only those on this asset.
            asset_id_in: Only those on one of these assets.
            issue_type: Only issues (`ISSUE`) or questions (`QUESTION`).
            status: Only those in this status: `CANCELLED`, `OPEN` or `SOLVED`.

        Returns:
            The number of matching issues.

        Raises:
            IncompatibleArgumentsError: Both `asset_id` and `asset_id_in` are given.
        """
        filters = _issue_filters(project_id, asset_id, asset_id_in, issue_type, status)
        return IssueUseCases(self.kili_api_gateway).count_issues(filters)

    @overload
    def issues(
        self,
        project_id: str,
        fields: ListOrTuple[str] = DEFAULT_ISSUE_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        asset_id: str | None = None,
        asset_id_in: ListOrTuple[str] | None = None,
        issue_type: IssueType | None = None,
        status: IssueStatus | None = None,
        *,
        as_generator: Literal[True],
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def issues(
        self,
        project_id: str,
        fields: ListOrTuple[str] = DEFAULT_ISSUE_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        asset_id: str | None = None,
        asset_id_in: ListOrTuple[str] | None = None,
        issue_type: IssueType | None = None,
        status: IssueStatus | None = None,
        *,
        as_generator: Literal[False] = False,
    ) -> list[dict[str, Any]]: ...

    @checked
    def issues(
        self,
        project_id: str,
        fields: ListOrTuple[str] = DEFAULT_ISSUE_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        asset_id: str | None = None,
        asset_id_in: ListOrTuple[str] | None = None,
        issue_type: IssueType | None = None,
        status: IssueStatus | None = None,
        *,
        as_generator: bool = False,
    ) -> Iterator[dict[str, Any]] | list[dict[str, Any]]:
        """Get the issues and questions of a project that match the criteria.

        Args:
            project_id: Id of the project.
            fields: Fields of each issue to return, as dotted paths (`author.user.email`,
                `comments.text`, ...).
            first: Maximum number of issues to return.
            skip: Number of issues to pass over first (oldest first).
            disable_tqdm: Hide the progress bar.
            asset_id: Only those on this asset.
            asset_id_in: Only those on one of these assets.
            issue_type: Only issues (`ISSUE`) or questions (`QUESTION`).
            status: Only those in this status: `CANCELLED`, `OPEN` or `SOLVED`.
            as_generator: Return a generator instead of a list.

        Returns:
            The issues, as dicts with the chosen fields.

        Raises:
            IncompatibleArgumentsError: Both `asset_id` and `asset_id_in` are given.
        """
        filters = _issue_filters(project_id, asset_id, asset_id_in, issue_type, status)
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = IssueUseCases(self.kili_api_gateway).list_issues(filters, fields, options)
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def update_issue_status(self, issue_id: str, status: IssueStatus) -> dict[str, Any]:
        """Set the status of an issue or question.

        Idempotent: the status is set to the value given, so a retry or a re-run
        leaves the same status.

        Args:
            issue_id: Id of the issue.
            status: `CANCELLED`, `OPEN` or `SOLVED`.

        Returns:
            `{"updatePropertiesInIssue": {"id": issue_id}}`, as the official SDK answers.

        Raises:
            NotFound: No issue has this id, or you cannot see its project.
            PermissionDenied: Your role cannot change the status of the issue (a
                labeler may only close a question of its own).
        """
        updated = IssueUseCases(self.kili_api_gateway).update_issue_status(
            IssueId(issue_id), status
        )
        return {"updatePropertiesInIssue": {"id": updated}}


def _issue_filters(
    project_id: str,
    asset_id: str | None,
    asset_id_in: ListOrTuple[str] | None,
    issue_type: IssueType | None,
    status: IssueStatus | None,
) -> IssueFilters:
    if asset_id and asset_id_in:
        raise IncompatibleArgumentsError("Give either `asset_id` or `asset_id_in`, not both.")
    return IssueFilters(
        project_id=ProjectId(project_id),
        asset_id=AssetId(asset_id) if asset_id else None,
        asset_id_in=tuple(AssetId(one) for one in asset_id_in) if asset_id_in else None,
        issue_type=issue_type,
        status=status,
    )
