"""The categories of a parsed label, editable and checked against the json interface."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from kili.utils.labels._base import _JobPart, copy_json, is_number

if TYPE_CHECKING:
    from kili.utils.labels._interface import JobSpec
    from kili.utils.labels._objects import ParsedJobs
    from kili.utils.labels._parser import JsonResponseParser


def only_category(part: _JobPart, categories: CategoryList | None) -> Category | None:
    """Return the one category of a job or annotation, or explain why there is none."""
    if categories is None or (not categories.given and not categories):
        if part._job.required:
            raise part._missing("the label gives no category for this required job")
        return None
    if len(categories) != 1:
        raise part._missing(f"Expected 1 category, got {categories.as_list()}")
    return categories[0]


class Category(_JobPart):
    """A category chosen in a classification job, or given to an annotation.

    Attributes:
        name: The category key, as labels and the interface's `categories` hold it.
        display_name: The category's name as the interface shows it to annotators.
        confidence: The confidence (0 to 100) of a prediction; `None` if the label has none.
        children: The jobs nested under this category.
    """

    __slots__ = ("_children", "_children_given", "_confidence", "_extra", "_name")

    def __init__(
        self,
        job: JobSpec,
        parser: JsonResponseParser,
        name: str,
        confidence: float | None,
        extra: dict[str, Any],
    ) -> None:
        self._job = job
        self._parser = parser
        self._name = name
        self._confidence = confidence
        self._extra = extra
        self._children: ParsedJobs | None = None
        self._children_given = False

    def to_dict(self) -> dict[str, Any]:
        """Rebuild the category: `name`, `confidence`, `children`, then any other key."""
        rebuilt: dict[str, Any] = {"name": self._name}
        if self._confidence is not None:
            rebuilt["confidence"] = self._confidence
        if self._children is not None:
            children = self._children.to_dict()
            if children or self._children_given:
                rebuilt["children"] = children
        rebuilt.update(copy_json(self._extra))
        return rebuilt

    def __str__(self) -> str:
        rebuilt = self.to_dict()
        return str({"name": self._name, "display_name": self.display_name, **rebuilt})

    __repr__ = __str__

    @property
    def name(self) -> str:
        """The category key (``"CATEGORY_A"``); `display_name` is what annotators see."""
        return self._name

    @name.setter
    def name(self, name: str) -> None:
        if name not in self._job.categories:
            raise self._invalid(
                f"Category '{name}' is not in the job interface with categories:"
                f" {list(self._job.categories)}"
            )
        self._name = name

    @property
    def display_name(self) -> str:
        """The category's name as the interface shows it (``"Category A"``)."""
        return self._job.categories[self._name].display_name

    @display_name.setter
    def display_name(self, display_name: str) -> None:
        names = [
            key for key, spec in self._job.categories.items() if spec.display_name == display_name
        ]
        if len(names) > 1:
            raise self._invalid(
                f"Category '{display_name}' is not unique in the job interface. Use `.name`"
                " instead of `.display_name` to set the category name."
            )
        if not names:
            shown = [spec.display_name for spec in self._job.categories.values()]
            raise self._invalid(
                f"Category '{display_name}' is not in the job interface with categories: {shown}"
            )
        self._name = names[0]

    @property
    def confidence(self) -> float | None:
        """The confidence (0 to 100) of a prediction; `None` if the label gives none."""
        return self._confidence

    @confidence.setter
    def confidence(self, confidence: float) -> None:
        if not is_number(confidence) or not 0 <= confidence <= 100:
            raise self._invalid(f"confidence must be a number from 0 to 100, got {confidence!r}")
        self._confidence = confidence

    @property
    def children(self) -> ParsedJobs:
        """The jobs nested under this category."""
        if self._children is None:
            self._children = self._parser.jobs({}, self._job.children, self._job)
        return self._children

    @children.setter
    def children(self, children: Mapping[str, Any]) -> None:
        self._children = self._parse_children(children)
        self._children_given = True


class CategoryList(_JobPart, Sequence[Category]):
    """The categories of a job or annotation; `add_category` checks against the interface."""

    __hash__ = None  # type: ignore[assignment]

    __slots__ = ("_items", "given")

    def __init__(
        self, job: JobSpec, parser: JsonResponseParser, items: list[Category], *, given: bool
    ) -> None:
        self._job = job
        self._parser = parser
        self._items = items
        self.given = given

    @overload
    def __getitem__(self, index: int) -> Category: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Category]: ...
    def __getitem__(self, index: int | slice) -> Category | Sequence[Category]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Category]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CategoryList):
            return self._items == other._items
        if isinstance(other, Sequence):
            return list(self._items) == list(other)
        return NotImplemented

    def __str__(self) -> str:
        return str(self.as_list())

    __repr__ = __str__

    def as_list(self) -> list[dict[str, Any]]:
        """Return the categories as the list of dicts a jsonResponse holds."""
        return [category.to_dict() for category in self._items]

    def to_dict(self) -> dict[str, Any]:
        """Refuse: a list of categories is given back by `as_list`."""
        raise self._incompatible("to_dict", "A list of categories gives itself by .as_list().")

    def add_category(
        self, name: str, confidence: float | None = None, children: Mapping[str, Any] | None = None
    ) -> None:
        """Append a category after checking it against the interface.

        Raises:
            InvalidMutationError: Unknown category, one chosen twice, or a second one on a
                single-choice job, with the official SDK's messages.
        """
        if not isinstance(name, str) or name not in self._job.categories:
            raise self._invalid(
                f"Category '{name}' is not in the job interface with categories:"
                f" {list(self._job.categories)}"
            )
        job_input = self._job.input
        if self._job.single_choice and self._items:
            raise self._invalid(
                f"Cannot add more than one category to a {job_input} classification job."
            )
        if self._job.multiple_choice and len(self._items) >= len(self._job.categories):
            raise self._invalid(
                f"Cannot add more categories than the number of classes to a {job_input}"
                " classification job."
            )
        if any(category.name == name for category in self._items):
            raise self._invalid(
                f"Cannot add a category with name '{name}' because a category with the"
                f" same name already exists: {self.as_list()}"
            )
        category = Category(self._job, self._parser, name, None, {})
        if confidence is not None:
            category.confidence = confidence
        if children is not None:
            category.children = children
        self._items.append(category)
