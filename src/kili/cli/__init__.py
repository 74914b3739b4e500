"""The `kili` command: the official command tree, on `argparse` so that it needs no extra.

The command line is one more presentation layer: each command turns its options into
the arguments of the client's methods, which call the use cases; it never speaks
GraphQL. Results go to stdout, progress and messages to stderr. The exit status is
0 on success, 1 when Kili or a file refuses the command, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from kili.cli import label, member, project, project_import
from kili.cli.common import Output, UsageError
from kili.exceptions import KiliError
from kili.version import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

DESCRIPTION = """Kili command line interface.

To get all the available commands, type: `kili project --help`.

To run a local Kili-compatible server (for tests and demos), use `kili-emulator`
(installed with `pip install 'kili[emulator]'`) and point the commands at it with
--endpoint or KILI_API_ENDPOINT.
"""


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of the whole command tree."""
    parser = argparse.ArgumentParser(
        prog="kili",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kili, version {__version__}")
    groups = parser.add_subparsers(dest="group", metavar="COMMAND")
    project_parser = groups.add_parser(
        "project",
        help="Commands to interact with a Kili project.",
        description="Commands to interact with a Kili project.",
    )
    commands = project_parser.add_subparsers(dest="command", metavar="COMMAND")
    project.register(commands)
    project_import.register(commands)
    label.register(commands)
    member.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, out: Output | None = None) -> int:
    """Run the command `argv` (the process's arguments by default); return its exit status.

    Args:
        argv: The arguments after `kili`.
        out: Where to write; the process's stdout and stderr by default.
    """
    out = out or Output()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler = getattr(args, "handler", None)
    if handler is None:
        chosen = getattr(args, "help_parser", parser)
        chosen.print_help(out.stderr)
        return EXIT_USAGE
    try:
        handler(args, out)
    except UsageError as error:
        args.help_parser.print_usage(out.stderr)
        out.message(f"{args.help_parser.prog}: error: {error}")
        return EXIT_USAGE
    except KiliError as error:
        _report(error, args, out)
        return EXIT_ERROR
    except KeyboardInterrupt:
        out.message("Interrupted.")
        return 130
    return EXIT_OK


def _report(error: KiliError, args: argparse.Namespace, out: Output) -> None:
    """Write the error on stderr, with its traceback under `--verbose` only."""
    if getattr(args, "verbose", False):
        traceback.print_exception(error, file=out.stderr)
    out.message(f"Error: {error}")


def run() -> None:
    """Entry point of the `kili` console script."""
    sys.exit(main())
