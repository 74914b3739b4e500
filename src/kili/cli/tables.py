"""Text tables for the command line, in the layouts of `tabulate` named the same.

The official command line prints its tables with `tabulate`; these layouts are written
here so that the command works on a plain install. A format not written here is
handed to `tabulate` when it is installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from kili.exceptions import MissingExtraError

Alignment = Literal["left", "right"]

TABLE_FORMATS = ("plain", "simple", "github", "pipe", "grid", "psql", "tsv")


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    tablefmt: str = "plain",
    align: Sequence[Alignment] | None = None,
) -> str:
    """Lay out `rows` under `headers` in the `tablefmt` layout.

    Args:
        headers: Column titles; an empty sequence prints no header.
        rows: The cells, converted with `str` (`None` prints empty).
        tablefmt: One of `TABLE_FORMATS`, or any format of `tabulate` if installed.
        align: Alignment of each column; numbers right, text left by default.

    Raises:
        MissingExtraError: The format is not written here and `tabulate` is missing.
    """
    cells = [["" if value is None else str(value) for value in row] for row in rows]
    if tablefmt == "tsv":
        lines = ["\t".join(headers)] if headers else []
        return "\n".join(lines + ["\t".join(row) for row in cells])
    if tablefmt not in TABLE_FORMATS:
        return _tabulate(headers, rows, tablefmt, align)
    count = max([len(headers), *(len(row) for row in cells)], default=0)
    aligns = list(align) if align else [_alignment(rows, index) for index in range(count)]
    widths = [
        max(
            [len(headers[index]) if index < len(headers) else 0]
            + [len(row[index]) for row in cells if index < len(row)]
        )
        for index in range(count)
    ]

    def line(values: Sequence[str]) -> list[str]:
        padded = list(values) + [""] * (count - len(values))
        return [
            value.rjust(width) if how == "right" else value.ljust(width)
            for value, width, how in zip(padded, widths, aligns, strict=True)
        ]

    return "\n".join(
        _frame(tablefmt, [line(headers)] if headers else [], [line(row) for row in cells], widths)
    )


def _frame(
    tablefmt: str, head: list[list[str]], body: list[list[str]], widths: list[int]
) -> list[str]:
    """Join padded cells into the lines of one layout."""
    if tablefmt == "plain":
        return ["  ".join(row) for row in head + body]
    if tablefmt == "simple":
        rule = "  ".join("-" * width for width in widths)
        return (
            ["  ".join(row) for row in head]
            + ([rule] if head else [])
            + ["  ".join(row) for row in body]
        )
    if tablefmt in ("github", "pipe"):
        rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
        rows = ["| " + " | ".join(row) + " |" for row in head + body]
        return rows[: len(head)] + ([rule] if head else []) + rows[len(head) :]
    rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"
    header_rule = rule.replace("-", "=") if tablefmt == "grid" else rule
    rows = ["| " + " | ".join(row) + " |" for row in head + body]
    if tablefmt == "grid":
        framed = [rule, *rows[: len(head)]] + ([header_rule] if head else [])
        for row in rows[len(head) :]:
            framed += [row, rule]
        return framed if rows[len(head) :] else [*framed, rule]
    return [rule, *rows[: len(head)], *([header_rule] if head else []), *rows[len(head) :], rule]


def _alignment(rows: Sequence[Sequence[Any]], index: int) -> Alignment:
    """Right-align a column of numbers, left-align anything else."""
    values = [row[index] for row in rows if index < len(row) and row[index] is not None]
    numeric = values and all(
        isinstance(value, (int, float)) and not isinstance(value, bool) for value in values
    )
    return "right" if numeric else "left"


def _tabulate(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    tablefmt: str,
    align: Sequence[Alignment] | None,
) -> str:
    """Hand a format not written here to `tabulate`."""
    try:
        from tabulate import tabulate
    except ImportError as missing:
        raise MissingExtraError(
            f"The table format {tablefmt!r} (formats built in: {', '.join(TABLE_FORMATS)})",
            "cli",
        ) from missing
    text: str = tabulate(
        [list(row) for row in rows],
        headers=list(headers),
        tablefmt=tablefmt,
        colalign=tuple(align) if align else None,
    )
    return text
