"""`kili project list|create|copy|describe|export`."""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path
from typing import Any

from kili.cli.common import (
    Output,
    UsageError,
    add_connection_options,
    add_json_option,
    add_project_id_option,
    add_table_format_option,
    add_verbose_option,
    open_client,
    project_url,
)
from kili.domain.project import InputType
from kili.exceptions import InvalidArgumentError

INPUT_TYPES = ("IMAGE", "PDF", "TEXT", "VIDEO", "LLM_RLHF", "LLM_INSTR_FOLLOWING", "LLM_STATIC")
EXPORT_FORMATS = (
    "raw", "kili", "yolo_v4", "yolo_v5", "yolo_v7", "yolo_v8", "coco", "pascal_voc", "geojson",
)  # fmt: skip
_TITLE_WIDTH = 50


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the project commands to `kili project`."""
    _register_list(commands)
    _register_create(commands)
    _register_copy(commands)
    _register_describe(commands)
    _register_export(commands)


def _register_list(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "list",
        help="List your projects.",
        description="List your projects.\n\nExample:\n"
        "  kili project list --max 10 --stdout-format grid",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_connection_options(parser)
    add_table_format_option(parser)
    parser.add_argument(
        "--max", dest="first", type=int, default=100,
        help="Maximum number of project to display. Default: 100.",
    )  # fmt: skip
    add_json_option(parser)
    parser.set_defaults(handler=list_projects, help_parser=parser)


def list_projects(args: argparse.Namespace, out: Output) -> None:
    """Print the projects: title, id, progress and description."""
    if args.first < 0:
        raise UsageError("--max must be zero or more")
    fields = ["title", "id", "description", "numberOfAssets", "numberOfRemainingAssets"]
    with open_client(args) as kili:
        projects = kili.projects(fields=fields, first=args.first, disable_tqdm=True)
    if args.json:
        out.json(projects)
        return
    rows = [
        [_shortened(p["title"]), p["id"], _progress(p), _shortened(p["description"] or "")]
        for p in projects
    ]
    out.table(
        ["TITLE", "ID", "PROGRESS", "DESCRIPTION"],
        rows,
        args.tablefmt,
        ("left", "left", "right", "left"),
    )


def _shortened(text: str) -> str:
    """Cut a text longer than 50 characters to 47 and '...', on one line."""
    one_line = text.replace("\n", "")
    return one_line[:47] + "..." if len(one_line) > _TITLE_WIDTH else one_line


def _progress(project: dict[str, Any]) -> str:
    """Share of the assets no longer to label, as the official command shows it."""
    total = project.get("numberOfAssets") or 0
    if not total:
        return "nan"
    return f"{round((1 - (project.get('numberOfRemainingAssets') or 0) / total) * 100, 1)}%"


def _register_create(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "create",
        help="Create a Kili project.",
        description=(
            "Create a Kili project.\n\n"
            "INTERFACE is the path of a JSON interface file; without it, --from-project\n"
            "reuses the interface of another project (its assets are not copied).\n\n"
            "Examples:\n"
            '  kili project create interface.json --input-type TEXT --title "Invoices"\n'
            '  kili project create --from-project <project_id> --input-type TEXT --title "Invoices"'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_connection_options(parser)
    parser.add_argument("interface", nargs="?", default=None, help="Path of a JSON interface.")
    parser.add_argument(
        "--from-project", dest="project_id_src", default=None,
        help="project_id of another Kili project",
    )  # fmt: skip
    parser.add_argument("--title", required=True, help="Project Title.")
    parser.add_argument(
        "--input-type", required=True, choices=INPUT_TYPES, help="Project input data type."
    )
    parser.add_argument("--description", default="", help="Project description.")
    add_table_format_option(parser)
    parser.set_defaults(handler=create_project, help_parser=parser)


def create_project(args: argparse.Namespace, out: Output) -> None:
    """Create a project from an interface file or another project's interface."""
    if (args.interface is None) == (args.project_id_src is None):
        raise UsageError("give either an INTERFACE file or --from-project, not both nor neither")
    interface = _read_interface(args.interface) if args.interface is not None else None
    with open_client(args) as kili:
        if interface is None:
            interface = _interface_of(kili.projects(
                project_id=args.project_id_src, fields=["jsonInterface"], disable_tqdm=True
            ), args.project_id_src)  # fmt: skip
        input_type: InputType = args.input_type
        created = kili.create_project(
            title=args.title,
            description=args.description,
            input_type=input_type,
            json_interface=interface,
        )
        url = project_url(created["id"], kili.api_endpoint)
    out.table(["ID", "URL"], [[created["id"], url]], args.tablefmt)


def _read_interface(path: str) -> dict[str, Any]:
    """Read a JSON interface file."""
    try:
        interface = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidArgumentError(f"Cannot read {path}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise InvalidArgumentError(f"{path} is not JSON: {error}") from error
    if not isinstance(interface, dict):
        raise InvalidArgumentError(f"{path} must hold a JSON object, the project's interface")
    return interface


def _interface_of(projects: list[dict[str, Any]], project_id: str) -> dict[str, Any]:
    if not projects:
        raise InvalidArgumentError(f"No project has the id {project_id!r}, or it is not yours")
    interface: dict[str, Any] = projects[0]["jsonInterface"]
    return interface


def _register_copy(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "copy",
        help="Copy an existing Kili project.",
        description=(
            "Copy an existing Kili project.\n\n"
            "By default, only the json interface, quality settings and members are copied.\n"
            "Without --title, the source project's title is used.\n\n"
            "Example:\n"
            '  kili project copy <project_id> --title "New title" --without-members'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_connection_options(parser)
    parser.add_argument("from_project_id", help="Id of the project to copy.")
    parser.add_argument("--title", default=None, help="New project title.")
    parser.add_argument("--description", default=None, help="New project description.")
    for what, default in (
        ("json-interface", True),
        ("quality-settings", True),
        ("members", True),
        ("assets", False),
        ("labels", False),
    ):
        _add_switch(parser, what, default)
    parser.set_defaults(handler=copy_project, help_parser=parser)


def _add_switch(parser: argparse.ArgumentParser, what: str, default: bool) -> None:
    """Add `--with-WHAT` / `--without-WHAT`."""
    dest = "with_" + what.replace("-", "_")
    switch = parser.add_mutually_exclusive_group()
    switch.add_argument(
        f"--with-{what}", dest=dest, action="store_true",
        help=f"Copy {what.replace('-', ' ')}." + (" (default)" if default else ""),
    )  # fmt: skip
    switch.add_argument(
        f"--without-{what}", dest=dest, action="store_false",
        help=f"Do not copy {what.replace('-', ' ')}." + ("" if default else " (default)"),
    )  # fmt: skip
    parser.set_defaults(**{dest: default})


def copy_project(args: argparse.Namespace, out: Output) -> None:
    """Copy a project, then print the new project's id and title."""
    with open_client(args) as kili:
        new_id = kili.copy_project(
            from_project_id=args.from_project_id,
            title=args.title,
            description=args.description,
            copy_json_interface=args.with_json_interface,
            copy_quality_settings=args.with_quality_settings,
            copy_members=args.with_members,
            copy_assets=args.with_assets,
            copy_labels=args.with_labels,
        )
        title = kili.projects(project_id=new_id, fields=["title"], disable_tqdm=True)[0]["title"]
    out.result(f'Project copied successfully. New project id: "{new_id}", with title: "{title}"')


def _register_describe(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "describe",
        help="Show project description and analytics.",
        description="Show project description and analytics.\n\nExample:\n"
        "  kili project describe <project_id>",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project_id", help="Id of the project")
    add_connection_options(parser)
    add_json_option(parser)
    parser.set_defaults(handler=describe_project, help_parser=parser)


def describe_project(args: argparse.Namespace, out: Output) -> None:
    """Print a project's metadata, its assets per status, members and label figures."""
    from kili.cli.describe import read_description, render_description

    with open_client(args) as kili:
        description = read_description(kili, args.project_id)
        url = project_url(args.project_id, kili.api_endpoint)
    if args.json:
        out.json(description)
        return
    out.result(render_description(description, url))


def _register_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "export",
        help="Export the Kili labels of a project to a given format.",
        description=(
            "Export the Kili labels of a project to a given format.\n\n"
            "Example:\n"
            "  kili project export --project-id <project_id> --output-format coco \\\n"
            "      --output-file /tmp/export.zip"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--output-format", required=True, choices=EXPORT_FORMATS,
                        help="Format into which the label data will be converted")  # fmt: skip
    parser.add_argument("--output-file", required=True,
                        help="File into which the labels are saved.")  # fmt: skip
    parser.add_argument("--layout", choices=("split", "merged"), default="merged",
                        help="'split': one folder per job; 'merged': one folder.")  # fmt: skip
    parser.add_argument("--single-file", action="store_true",
                        help="One file (only some formats: COCO and Kili).")  # fmt: skip
    _add_switch(parser, "assets", True)
    coordinates = parser.add_mutually_exclusive_group()
    coordinates.add_argument("--normalized-coordinates", dest="normalized_coordinates",
                             action="store_true", default=None)  # fmt: skip
    coordinates.add_argument("--pixel-coordinates", dest="normalized_coordinates",
                             action="store_false")  # fmt: skip
    add_connection_options(parser)
    add_project_id_option(parser)
    add_verbose_option(parser)
    parser.set_defaults(handler=export_labels, help_parser=parser)


def export_labels(args: argparse.Namespace, out: Output) -> None:
    """Write the archive with `Kili.export_labels`, then name it on stderr.

    As the official command: when no job of the project fits the format, the reason
    is printed on stdout and nothing is written.
    """
    with open_client(args) as kili, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kili.export_labels(
            args.project_id,
            args.output_file,
            args.output_format,
            layout=args.layout,
            single_file=args.single_file,
            with_assets=args.with_assets,
            normalized_coordinates=args.normalized_coordinates,
        )
    for warning in caught:
        if not issubclass(warning.category, DeprecationWarning):
            out.result(str(warning.message))
    if Path(args.output_file).exists():
        out.message(args.output_file)
