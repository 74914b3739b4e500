"""`kili project label`: import labels or predictions from Kili JSON or YOLO files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kili.cli.common import (
    Output,
    UsageError,
    add_connection_options,
    add_project_id_option,
    add_verbose_option,
    external_id_of,
    files_in,
    hide_progress,
    open_client,
)
from kili.cli.yolo import YOLO_FORMATS, category_keys, parse_yolo_file, read_class_names
from kili.exceptions import InvalidArgumentError, NotFound

INPUT_FORMATS = ("kili", "raw", *YOLO_FORMATS)

DESCRIPTION = """Import labels or predictions.

FILES are paths of files or folders, separated by spaces. Each file holds the labels
of the asset whose external id is the file's name without its extension:
  kili, raw     a JSON file: the jsonResponse of a label
  yolo_v4..v8   a YOLO .txt file of boxes, imported into --target-job; the class
                names come from --metadata-file (classes.txt for yolo_v4, data.yaml
                for the others) and must be categories of that job

Examples:
  kili project label dir/labels/ dir/ground-truth/image1.json --project-id <project_id>
  kili project label dir/predictions/ --project-id <project_id> \\
      --prediction --model-name YOLO-run-3
  kili project label dir/predictions/ --project-id <project_id> \\
      --prediction --model-name YOLO-v5 --input-format yolo_v5 \\
      --metadata-file data.yaml --target-job IMAGE_DETECTION_JOB --overwrite
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `label` to `kili project`."""
    parser = commands.add_parser(
        "label",
        help="Import labels or predictions.",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_connection_options(parser)
    parser.add_argument("files", nargs="*", metavar="FILES", help="Label files or folders.")
    add_project_id_option(parser)
    parser.add_argument(
        "--prediction", dest="is_prediction", action="store_true",
        help="Import the labels as predictions (pre-annotations in Kili).",
    )  # fmt: skip
    parser.add_argument(
        "--model-name", default=None,
        help="Name of the model that made the predictions (needed with --prediction).",
    )  # fmt: skip
    add_verbose_option(parser)
    parser.add_argument(
        "--input-format", choices=INPUT_FORMATS, default="kili",
        help='Format in which the labels are encoded. Default: "kili" (raw Kili format).',
    )  # fmt: skip
    parser.add_argument(
        "--metadata-file", default=None,
        help="File naming the classes (for the YOLO formats).",
    )  # fmt: skip
    parser.add_argument(
        "--target-job", default=None,
        help="Job of the project receiving the labels (for the YOLO formats).",
    )  # fmt: skip
    parser.add_argument(
        "--overwrite", action="store_true",
        help="Replace the labels of the same model and type already on the assets.",
    )  # fmt: skip
    parser.set_defaults(handler=import_labels, help_parser=parser)


def import_labels(args: argparse.Namespace, out: Output) -> None:
    """Read the label files and import them as labels of the assets they name."""
    _check_options(args)
    extension = ".txt" if args.input_format in YOLO_FORMATS else ".json"
    paths = files_in(args.files, extension)
    if not paths:
        raise InvalidArgumentError(
            f"No label files to import: check that the paths exist and name {extension} files."
        )
    with open_client(args) as kili:
        found = kili.projects(
            project_id=args.project_id, fields=["jsonInterface"], disable_tqdm=True
        )
        if not found:
            raise NotFound(
                f"No project has the id {args.project_id!r}, or it is not visible to you."
            )
        responses = _json_responses(args, paths, found[0]["jsonInterface"] or {})
        created = kili.append_labels(
            project_id=args.project_id,
            asset_external_id_array=[external_id_of(path) for path in paths],
            json_response_array=responses,
            label_type="PREDICTION" if args.is_prediction else "DEFAULT",
            model_name=args.model_name,
            overwrite=args.overwrite,
            disable_tqdm=hide_progress(args),
        )
    out.message(f"{len(created)} labels have been successfully imported")


def _check_options(args: argparse.Namespace) -> None:
    """Refuse option sets that cannot work, before reading any file."""
    if not args.files:
        raise UsageError("give the FILES to import")
    if args.is_prediction and not args.model_name:
        raise UsageError("--prediction needs the name of the model: --model-name")
    if args.input_format in YOLO_FORMATS:
        missing = [
            option
            for option, value in (("--metadata-file", args.metadata_file),
                                  ("--target-job", args.target_job))
            if value is None
        ]  # fmt: skip
        if missing:
            raise UsageError(f"--input-format {args.input_format} needs {' and '.join(missing)}")


def _json_responses(
    args: argparse.Namespace, paths: list[Path], interface: dict[str, Any]
) -> list[dict[str, Any]]:
    """Read each file as a Kili json response."""
    if args.input_format not in YOLO_FORMATS:
        return [_read_json_response(path) for path in paths]
    jobs = interface.get("jobs") or {}
    if args.target_job not in jobs:
        raise NotFound(
            f"Target job {args.target_job} has not been found in the project JSON interface"
            f" (its jobs: {', '.join(jobs) or 'none'})"
        )
    class_names = read_class_names(Path(args.metadata_file), args.input_format)
    keys = category_keys(class_names, jobs[args.target_job])
    return [parse_yolo_file(path, keys, args.target_job) for path in paths]


def _read_json_response(path: Path) -> dict[str, Any]:
    """Read a Kili JSON label file."""
    try:
        response = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidArgumentError(f"Cannot read {path}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise InvalidArgumentError(f"{path} is not JSON: {error}") from error
    if not isinstance(response, dict):
        raise InvalidArgumentError(f"{path} must hold a JSON object, a label's jsonResponse")
    return response
