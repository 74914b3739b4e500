"""Label events: what `labelCreatedOrUpdated` subscribers receive.

Two sides meet here, on different threads:

- **Publishers** are the label resolvers. They run synchronously, in whatever thread
  the server gives them, and call `publish_label_event(project_id, label)` once the
  label is committed, so that a subscriber reading the label back finds it. Publishing
  never blocks and never fails because of a subscriber.
- **Subscribers** are subscription resolvers running on the server's event loop. They
  call `open_label_stream(project_id)` and iterate it with `async for`; closing the
  stream (`await stream.aclose()`, or leaving `async with`) unsubscribes.

`label` is the object the subscription resolver hands to GraphQL, so publish the same
object the label queries resolve (the `Label` type's field resolvers then apply to it).
It is shallow-copied on publication; do not mutate its nested values afterwards.

Each stream owns a bounded queue fed through its loop's `call_soon_threadsafe`. A
subscriber that falls `MAX_PENDING_EVENTS` behind is cut off: its stream raises
`SubscriberOverflow`, because a stream that silently skips events would be worse than
one that visibly ends (clients then reconnect). A stream is registered as soon as it is
opened, before its first `__anext__`, so no event committed after `open_label_stream`
returns can be missed.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any

MAX_PENDING_EVENTS = 1024
"""Events a subscriber may have waiting before it is cut off."""

_CLOSED = object()
"""Queue marker that ends a stream."""


class SubscriberOverflow(RuntimeError):
    """A subscriber fell too far behind the published events and was cut off."""


class LabelEventStream(AsyncIterator[dict[str, Any]]):
    """The labels created or updated in one project, as they are published.

    Build it with `LabelEventBus.open` (or `open_label_stream`) on the event loop that
    will read it.
    """

    def __init__(self, bus: LabelEventBus, project_id: str) -> None:
        self.project_id = project_id
        self._bus = bus
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._overflowed = False
        self._closed = False

    def deliver(self, label: dict[str, Any]) -> None:
        """Queue `label` for this stream; safe to call from any thread."""
        try:
            self._loop.call_soon_threadsafe(self._enqueue, label)
        except RuntimeError:  # the loop is closed: nobody will read this stream again
            self._bus.remove(self)

    def _enqueue(self, label: Any) -> None:
        if self._closed:
            return
        if label is _CLOSED:
            self._closed = True
            self._queue.put_nowait(_CLOSED)
            return
        if self._queue.qsize() >= MAX_PENDING_EVENTS:
            self._overflowed = True
            self._closed = True
            self._bus.remove(self)
            self._queue.put_nowait(_CLOSED)
            return
        self._queue.put_nowait(label)

    def close_soon(self) -> None:
        """End the stream after the events already queued; safe from any thread."""
        try:
            self._loop.call_soon_threadsafe(self._enqueue, _CLOSED)
        except RuntimeError:  # the loop is closed: nobody reads this stream any more
            self._bus.remove(self)

    def __aiter__(self) -> LabelEventStream:
        return self

    async def __anext__(self) -> dict[str, Any]:
        item = await self._queue.get()
        if item is _CLOSED:
            self._bus.remove(self)
            if self._overflowed:
                raise SubscriberOverflow(
                    f"subscriber of project {self.project_id} fell {MAX_PENDING_EVENTS} "
                    "label events behind and was disconnected"
                )
            raise StopAsyncIteration
        label: dict[str, Any] = item
        return label

    async def aclose(self) -> None:
        """Unsubscribe; events published afterwards are not delivered."""
        self._closed = True
        self._bus.remove(self)

    async def __aenter__(self) -> LabelEventStream:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


class LabelEventBus:
    """Fan-out of label events to the streams open on each project."""

    def __init__(self) -> None:
        self._streams: dict[str, set[LabelEventStream]] = {}
        self._lock = threading.Lock()

    def open(self, project_id: str) -> LabelEventStream:
        """Subscribe to `project_id`; must be called on the loop that reads the stream."""
        stream = LabelEventStream(self, project_id)
        with self._lock:
            self._streams.setdefault(project_id, set()).add(stream)
        return stream

    def remove(self, stream: LabelEventStream) -> None:
        """Forget `stream`; idempotent."""
        with self._lock:
            streams = self._streams.get(stream.project_id)
            if streams is None:
                return
            streams.discard(stream)
            if not streams:
                del self._streams[stream.project_id]

    def publish(self, project_id: str, label: dict[str, Any]) -> None:
        """Deliver `label` to every stream open on `project_id`; never blocks."""
        with self._lock:
            streams = list(self._streams.get(project_id, ()))
        for stream in streams:
            stream.deliver(dict(label))

    def subscriber_count(self, project_id: str | None = None) -> int:
        """Count the open streams, on one project or on all."""
        with self._lock:
            if project_id is not None:
                return len(self._streams.get(project_id, ()))
            return sum(len(streams) for streams in self._streams.values())

    def close_all(self) -> None:
        """End every open stream, as a server shutting down does."""
        with self._lock:
            streams = [stream for group in self._streams.values() for stream in group]
        for stream in streams:
            stream.close_soon()


label_event_bus = LabelEventBus()
"""The process-wide bus; project ids are unique, so several servers can share it."""


def publish_label_event(project_id: str, label: dict[str, Any]) -> None:
    """Announce that `label` of `project_id` was created or updated, once committed.

    Callable from synchronous code in any thread; returns at once.

    Args:
        project_id: The project the label belongs to.
        label: The label as the label queries resolve it.
    """
    label_event_bus.publish(project_id, label)


def open_label_stream(project_id: str) -> LabelEventStream:
    """Subscribe, on the running event loop, to the label events of `project_id`.

    Args:
        project_id: The project whose label events to receive.

    Returns:
        An async iterator of labels, registered already; close it to unsubscribe.
    """
    return label_event_bus.open(project_id)
