"""What every command shares: connection options, the client, output streams, CSV files.

A command is a function `(args, out) -> None` registered on an `argparse` sub-parser;
it reads its options from `args`, talks to Kili through a client built by
`open_client`, and writes through `out`: results on stdout, everything else
(progress, warnings, messages) on stderr, so that stdout can be piped.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kili.cli.tables import TABLE_FORMATS, Alignment, render_table
from kili.exceptions import InvalidArgumentError, KiliError

if TYPE_CHECKING:
    from kili.client import Kili

ROLES = ("ADMIN", "TEAM_MANAGER", "REVIEWER", "LABELER")
"""Project roles, highest first, as the official command line lists them."""

CLI_CLIENT_NAME = "python-sdk-cli"
"""What the command line's requests carry in `apollographql-client-name`."""


class UsageError(KiliError):
    """Options that parse but cannot be used together; the command exits with status 2."""


@dataclass
class Output:
    """Where a command writes: `stdout` for results, `stderr` for everything else."""

    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)

    def result(self, text: str) -> None:
        """Write one result line on stdout."""
        print(text, file=self.stdout)

    def message(self, text: str) -> None:
        """Write a message for the user on stderr, never mixed with results."""
        print(text, file=self.stderr)

    def warning(self, text: str) -> None:
        """Write a warning on stderr."""
        print(f"warning: {text}", file=self.stderr)

    def json(self, document: Any) -> None:
        """Write one JSON document on stdout, and nothing else."""
        json.dump(document, self.stdout, indent=2, default=str)
        print(file=self.stdout)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        tablefmt: str,
        align: Sequence[Alignment] | None = None,
    ) -> None:
        """Write a table in the layout `--stdout-format` names."""
        self.result(render_table(headers, rows, tablefmt, align))


Command = Callable[[argparse.Namespace, Output], None]


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add `--api-key` and `--endpoint`, defaulting to their environment variables."""
    parser.add_argument(
        "--api-key",
        default=None,
        help='Your Kili API key. (default: "KILI_API_KEY" environment variable)',
    )
    parser.add_argument(
        "--endpoint",
        default=None,
        help=(
            'Kili API Endpoint. (default: "KILI_API_ENDPOINT" environment variable, Kili SAAS:'
            ' "https://cloud.kili-technology.com/api/label/v2/graphql")'
        ),
    )


def add_table_format_option(parser: argparse.ArgumentParser) -> None:
    """Add `--stdout-format`, the table layout, "plain" by default as in the official CLI."""
    parser.add_argument(
        "--stdout-format",
        dest="tablefmt",
        default="plain",
        metavar="FORMAT",
        help=(
            "How the output table is formatted: "
            + ", ".join(TABLE_FORMATS)
            + " (tabulate's names; others need tabulate installed). Default: plain."
        ),
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """Add `--json`: one JSON document on stdout instead of a table, for scripts."""
    parser.add_argument(
        "--json",
        action="store_true",
        help="Print one JSON document on stdout instead of a table.",
    )


def add_project_id_option(parser: argparse.ArgumentParser) -> None:
    """Add the required `--project-id`."""
    parser.add_argument("--project-id", required=True, help="Id of the project")


def add_verbose_option(parser: argparse.ArgumentParser) -> None:
    """Add `--verbose`: progress bars, and the traceback of an error."""
    parser.add_argument("--verbose", action="store_true", help="Show more logs")


def add_from_csv_option(parser: argparse.ArgumentParser, required: str, optional: str) -> None:
    """Add `--from-csv`, naming the CSV columns it reads."""
    parser.add_argument(
        "--from-csv",
        dest="csv_path",
        metavar="PATH",
        default=None,
        help=f"Path to a CSV file with the columns: {required}"
        + (f" (optional: {optional})" if optional else ""),
    )


def open_client(args: argparse.Namespace) -> Kili:
    """Build the client from `--api-key` and `--endpoint`; the client reads the rest.

    Without the options, the client takes `KILI_API_KEY` and `KILI_API_ENDPOINT`, as the
    SDK does, so that the command and a script agree on where they connect.
    """
    from kili.client import Kili

    return Kili(
        api_key=args.api_key,
        api_endpoint=args.endpoint,
        client_name=CLI_CLIENT_NAME,
        disable_tqdm=hide_progress(args),
    )


def hide_progress(args: argparse.Namespace) -> bool | None:
    """Show progress bars (on stderr) with `--verbose`; hide them when stderr is no terminal.

    Otherwise `None`: the client's setting (`KILI_DISABLE_TQDM`, the configuration file).
    """
    if getattr(args, "verbose", False):
        return False
    return None if sys.stderr.isatty() else True


def project_url(project_id: str, endpoint: str) -> str:
    """Return the web page of a project, next to the API endpoint."""
    return endpoint.replace("/api/label/v2/graphql", "") + f"/label/projects/{project_id}/"


def read_csv_rows(
    path: str, required: Sequence[str], optional: Sequence[str]
) -> list[dict[str, str]]:
    """Read the rows of a CSV file, keeping the `required` and `optional` columns.

    Raises:
        InvalidArgumentError: The file cannot be read or lacks a required column.
    """
    try:
        with Path(path).open(encoding="utf-8", newline="") as csv_file:
            reader = csv.DictReader(csv_file)
            headers = reader.fieldnames or []
            missing = [column for column in required if column not in headers]
            if missing:
                raise InvalidArgumentError(
                    f"{path}: the CSV file lacks the column(s) {', '.join(missing)}"
                    f" (its header is: {', '.join(headers) or 'empty'})"
                )
            kept = [*required, *optional]
            return [
                {key: (value or "").strip() for key, value in row.items() if key in kept}
                for row in reader
            ]
    except OSError as error:
        raise InvalidArgumentError(f"Cannot read the CSV file {path}: {error.strerror}") from error


def files_in(paths: Sequence[str], extension: str | None = None) -> list[Path]:
    """Expand files, folders (their files, not recursively) and glob patterns, sorted.

    Args:
        paths: What the user named.
        extension: Keep only the files with this suffix, e.g. `.json`.
    """
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(child for child in path.iterdir() if child.is_file())
        else:
            found.extend(Path(match) for match in glob.glob(item) if Path(match).is_file())
    kept = [path for path in found if extension is None or path.suffix == extension]
    return sorted(set(kept), key=str)


def external_id_of(path: Path) -> str:
    """Name the asset a file stands for: its name without the last extension."""
    return path.stem
