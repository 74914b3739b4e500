"""Options shared by every paginated read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from kili.exceptions import InvalidArgumentError

T = TypeVar("T")

ListOrTuple = list[T] | tuple[T, ...]
"""A list or a tuple: the sequences users pass for arrays (a lone string is refused)."""

FieldPaths = Sequence[str]
"""Dotted paths of the fields to fetch, such as ``"labels.author.email"``."""


@dataclass(frozen=True)
class QueryOptions:
    """How much of a result set to read, and whether to show progress.

    Attributes:
        first: Maximum number of objects to return; ``None`` returns them all.
        skip: Number of objects to pass over before the first one returned.
        disable_tqdm: Hide the progress bar.
    """

    first: int | None = None
    skip: int = 0
    disable_tqdm: bool = False

    def __post_init__(self) -> None:
        if self.first is not None and self.first < 0:
            raise InvalidArgumentError(f"first must be a non-negative integer, got {self.first}")
        if self.skip < 0:
            raise InvalidArgumentError(f"skip must be a non-negative integer, got {self.skip}")
