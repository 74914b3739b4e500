"""Parse labels against their project's json interface into typed, editable objects.

```python
from kili.utils.labels import parse_labels

project = kili.projects(project_id, fields=["jsonInterface", "inputType"])[0]
labels = parse_labels(kili.labels(project_id), project["jsonInterface"], project["inputType"])
print(labels[0].jobs["CLASSIFICATION_JOB"].category.name)
```

Pure Python: importing this package loads nothing beyond the standard library and
`kili.exceptions`.
"""

from kili.utils.labels._annotation_base import PosePoint
from kili.utils.labels._annotations import Annotation
from kili.utils.labels._base import MidReference, Vertex
from kili.utils.labels._categories import Category, CategoryList
from kili.utils.labels._lists import AnnotationList, BoundingPoly, BoundingPolyList
from kili.utils.labels._objects import FramesList, ParsedJob, ParsedJobs
from kili.utils.labels.exceptions import (
    AttributeNotCompatibleWithJobError,
    FrameIndexError,
    InvalidMutationError,
    JobNotExistingError,
    LabelParsingError,
    MissingAnswerError,
)
from kili.utils.labels.parsing import (
    JsonInterface,
    ParsedLabel,
    parse_json_response,
    parse_labels,
)

__all__ = [
    "Annotation",
    "AnnotationList",
    "AttributeNotCompatibleWithJobError",
    "BoundingPoly",
    "BoundingPolyList",
    "Category",
    "CategoryList",
    "FrameIndexError",
    "FramesList",
    "InvalidMutationError",
    "JobNotExistingError",
    "JsonInterface",
    "LabelParsingError",
    "MissingAnswerError",
    "MidReference",
    "ParsedJob",
    "ParsedJobs",
    "ParsedLabel",
    "PosePoint",
    "Vertex",
    "parse_json_response",
    "parse_labels",
]
