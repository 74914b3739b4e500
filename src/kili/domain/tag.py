"""Tags: labels an organization defines and attaches to its projects."""

from __future__ import annotations

from typing import NewType

TagId = NewType("TagId", str)
