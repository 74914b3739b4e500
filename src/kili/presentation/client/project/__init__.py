"""Client methods about projects: reads, writes, copies, and their arguments."""

from kili.presentation.client.project.copies import ProjectCopyMethods
from kili.presentation.client.project.reads import DEFAULT_PROJECT_FIELDS, ProjectReadMethods
from kili.presentation.client.project.writes import ProjectWriteMethods


class ProjectClientMethods(ProjectReadMethods, ProjectWriteMethods, ProjectCopyMethods):
    """Methods of `Kili` about projects."""


__all__ = ["DEFAULT_PROJECT_FIELDS", "ProjectClientMethods"]
