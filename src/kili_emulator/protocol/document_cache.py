"""Documents already parsed and validated, by their text.

Clients send the same few documents again and again (one per page of a listing, one
per batch of an import); parsing and validating them costs about a tenth of a page
read, so each text is checked once and its document reused.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from graphql import DocumentNode

DEFAULT_SIZE = 256
"""Documents kept; the SDK sends a few dozen distinct ones."""


class ValidatedDocuments:
    """A bounded, thread-safe map from query text to its valid document, least recent out.

    Only documents that parsed and validated are kept, so a hit needs no further checks;
    executions never modify a document, so one document serves concurrent requests.
    """

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._documents: OrderedDict[str, DocumentNode] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, query: str) -> DocumentNode | None:
        """Return the valid document of `query`, None if it was not seen (or fell out)."""
        with self._lock:
            document = self._documents.get(query)
            if document is not None:
                self._documents.move_to_end(query)
            return document

    def put(self, query: str, document: DocumentNode) -> None:
        """Remember that `query` parses into `document`, which validated."""
        with self._lock:
            self._documents[query] = document
            self._documents.move_to_end(query)
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)
