"""Project versions: named snapshots of a project's labels, with a download link."""

from __future__ import annotations

from typing import NewType

ProjectVersionId = NewType("ProjectVersionId", str)
