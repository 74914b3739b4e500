"""`kili project import`: add assets from files, folders or a CSV file."""

from __future__ import annotations

import argparse
from typing import Any

from kili.cli.common import (
    Output,
    UsageError,
    add_connection_options,
    add_from_csv_option,
    add_project_id_option,
    add_verbose_option,
    external_id_of,
    files_in,
    hide_progress,
    open_client,
    read_csv_rows,
)
from kili.exceptions import InvalidArgumentError, NotFound

Content = str | dict[str, Any] | list[Any]

VIDEO_INPUT_TYPES = ("VIDEO", "VIDEO_LEGACY")

DESCRIPTION = """Add assets into a project.

FILES are paths of files or folders, separated by spaces. Without FILES, --from-csv
imports the assets of a CSV file with two columns:
  external_id   the external id of the asset
  content       the path of the asset's file, or a URL where it is hosted

Examples:
  kili project import dir1/dir2/ dir1/dir3/test1.png --project-id <project_id>
  kili project import video.mp4 --project-id <project_id> --frames --fps 24
  kili project import --from-csv assets.csv --project-id <project_id>
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import` to `kili project`."""
    parser = commands.add_parser(
        "import",
        help="Add assets into a project.",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILES", help="Files or folders to import.")
    add_connection_options(parser)
    add_project_id_option(parser)
    add_from_csv_option(parser, "external_id, content", "")
    parser.add_argument(
        "--frames", dest="as_frames", action="store_true",
        help="Only for a frame project, import videos as frames.",
    )  # fmt: skip
    parser.add_argument(
        "--fps", type=int, default=None,
        help="Only for a frame project, import videos with a specific frame rate",
    )  # fmt: skip
    add_verbose_option(parser)
    parser.set_defaults(handler=import_assets, help_parser=parser)


def import_assets(args: argparse.Namespace, out: Output) -> None:
    """Import the files, or the rows of the CSV file, as assets of the project."""
    if args.files and args.csv_path is not None:
        raise UsageError("FILES and --from-csv are exclusive: give one or the other")
    if not args.files and args.csv_path is None:
        raise UsageError("give the FILES to import, or --from-csv")
    external_ids, contents = _assets_to_import(args)
    with open_client(args) as kili:
        found = kili.projects(project_id=args.project_id, fields=["inputType"], disable_tqdm=True)
        if not found:
            raise NotFound(
                f"No project has the id {args.project_id!r}, or it is not visible to you."
            )
        input_type = found[0]["inputType"]
        metadata = _video_metadata(args, input_type)
        result = kili.append_many_to_dataset(
            project_id=args.project_id,
            content_array=contents,
            external_id_array=external_ids,
            json_metadata_array=[metadata] * len(contents) if metadata else None,
            disable_tqdm=hide_progress(args),
        )
    created = result.get("asset_ids") or []
    out.message(f"{len(created)} asset(s) imported into project {args.project_id}")


def _assets_to_import(args: argparse.Namespace) -> tuple[list[str], list[Content]]:
    """Return the external ids and contents named by FILES or the CSV file."""
    if args.files:
        paths = files_in(args.files)
        if not paths:
            raise InvalidArgumentError(
                "No files to upload: check that the paths exist and name files."
            )
        return [external_id_of(path) for path in paths], [str(path) for path in paths]
    rows = read_csv_rows(args.csv_path, ("external_id", "content"), ())
    rows = [row for row in rows if row.get("content")]
    if not rows:
        raise InvalidArgumentError(f"No asset in the CSV file {args.csv_path}")
    return [row["external_id"] for row in rows], [row["content"] for row in rows]


def _video_metadata(args: argparse.Namespace, input_type: str) -> dict[str, Any] | None:
    """Return the processing parameters of videos, refusing --fps/--frames elsewhere."""
    if input_type not in VIDEO_INPUT_TYPES:
        used = [
            name for name, value in (("--fps", args.fps), ("--frames", args.as_frames)) if value
        ]
        if used:
            raise UsageError(f"{' and '.join(used)} only apply to a VIDEO project")
        return None
    return {
        "processingParameters": {
            "shouldKeepNativeFrameRate": args.fps is None,
            "framesPlayedPerSecond": args.fps,
            "shouldUseNativeVideo": not args.as_frames,
        }
    }
