"""Parse labels against their project's json interface into typed, read-only objects.

```python
from kili.utils.labels import parse_labels

project = kili.projects(project_id, fields=["jsonInterface", "inputType"])[0]
labels = parse_labels(kili.labels(project_id), project["jsonInterface"], project["inputType"])
print(labels[0].jobs["CLASSIFICATION_JOB"].category.name)
```

Pure Python: importing this package loads nothing beyond the standard library and
`kili.exceptions`.
"""

from kili.exceptions import LabelParsingError
from kili.utils.labels._objects import (
    Annotation,
    BoundingPoly,
    Category,
    MidReference,
    ParsedJob,
    ParsedJobs,
    PosePoint,
    Vertex,
)
from kili.utils.labels.parsing import (
    JsonInterface,
    ParsedLabel,
    parse_json_response,
    parse_labels,
)

__all__ = [
    "Annotation",
    "BoundingPoly",
    "Category",
    "JsonInterface",
    "LabelParsingError",
    "MidReference",
    "ParsedJob",
    "ParsedJobs",
    "ParsedLabel",
    "PosePoint",
    "Vertex",
    "parse_json_response",
    "parse_labels",
]
