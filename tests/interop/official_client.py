"""Run the official Kili SDK against the emulator; executed by `run.py` in its own venv.

Each step is a check; the last line counts them as `N passed, N failed`.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

import official_admin_steps
import official_step_filters
import official_workflow_steps

from kili.client import Kili

INTERFACE = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "content": {
                "categories": {"CAT": {"name": "cat"}, "DOG": {"name": "dog"}},
                "input": "radio",
            },
            "instruction": "Animal",
            "required": 1,
            "isChild": False,
        }
    }
}
state: dict[str, Any] = {"interface": INTERFACE}
results: list[bool] = []


def check(name: str) -> Callable[[Callable[[], None]], None]:
    """Run the decorated step at once and record whether it passed."""

    def run(step: Callable[[], None]) -> None:
        try:
            step()
        except Exception:
            print(f"FAIL {name}")
            traceback.print_exc()
            results.append(False)
        else:
            print(f"ok   {name}")
            results.append(True)

    return run


@check("connect: key check and schema introspection")
def connect() -> None:
    state["kili"] = Kili(disable_tqdm=True)
    assert state["kili"].get_current_user()["email"]


@check("create a project")
def create_project() -> None:
    created = state["kili"].create_project(
        title="interop", input_type="IMAGE", json_interface=INTERFACE
    )
    state["project_id"] = created["id"]
    state["large_project_id"] = state["kili"].create_project(
        title="interop, large requests", input_type="IMAGE", json_interface=INTERFACE
    )["id"]


@check("import assets")
def import_assets() -> None:
    urls = [f"https://example.com/{i}.jpg" for i in range(3)]
    result = state["kili"].append_many_to_dataset(
        project_id=state["project_id"],
        content_array=urls,
        external_id_array=["a", "b", "c"],
        json_metadata_array=[{"i": i} for i in range(3)],
    )
    assert len(result["asset_ids"]) == 3, result


@check("import an asset whose request is over 1 MB, which the official SDK gzips")
def import_large_asset() -> None:
    notes = "lorem ipsum " * 100_000
    result = state["kili"].append_many_to_dataset(
        project_id=state["large_project_id"],
        content_array=["https://example.com/large.jpg"],
        external_id_array=["large"],
        json_metadata_array=[{"notes": notes}],
    )
    assert len(result["asset_ids"]) == 1, result
    (asset,) = state["kili"].assets(project_id=state["large_project_id"])
    assert asset["jsonMetadata"] == {"notes": notes}


@check("list and count assets")
def list_assets() -> None:
    assets = state["kili"].assets(project_id=state["project_id"])
    assert sorted(asset["externalId"] for asset in assets) == ["a", "b", "c"]
    assert state["kili"].count_assets(project_id=state["project_id"]) == 3
    state["asset_ids"] = [asset["id"] for asset in assets]


@check("import labels")
def import_labels() -> None:
    response = {"CLASSIFICATION_JOB": {"categories": [{"name": "CAT", "confidence": 100}]}}
    state["kili"].append_labels(
        asset_id_array=state["asset_ids"][:2],
        json_response_array=[response, response],
        label_type="DEFAULT",
    )


@check("list labels and see the assets labeled")
def list_labels() -> None:
    labels = state["kili"].labels(project_id=state["project_id"])
    assert len(labels) == 2, labels
    assert labels[0]["jsonResponse"]["CLASSIFICATION_JOB"]["categories"][0]["name"] == "CAT"
    assert state["kili"].count_assets(project_id=state["project_id"], status_in=["LABELED"]) == 2


official_admin_steps.run(check, state)
official_workflow_steps.run(check, state)
official_step_filters.run(check, state, INTERFACE)


@check("quality marks: inference and honeypot marks read by the official client")
def quality_marks() -> None:
    kili = state["kili"]
    project_id = kili.create_project(
        title="interop marks", input_type="IMAGE", json_interface=INTERFACE
    )["id"]
    kili.append_many_to_dataset(
        project_id=project_id,
        content_array=["https://example.com/m1.jpg", "https://example.com/m2.jpg"],
        external_id_array=["m1", "m2"],
    )
    ids = {asset["externalId"]: asset["id"] for asset in kili.assets(project_id=project_id)}
    cat = {"CLASSIFICATION_JOB": {"categories": [{"name": "CAT", "confidence": 100}]}}
    dog = {"CLASSIFICATION_JOB": {"categories": [{"name": "DOG", "confidence": 100}]}}
    kili.append_labels(
        asset_id_array=[ids["m1"]],
        json_response_array=[cat],
        label_type="INFERENCE",
        model_name="interop-model",
    )
    kili.append_labels(asset_id_array=[ids["m1"], ids["m2"]], json_response_array=[cat, cat])
    kili.create_honeypot(json_response=dog, asset_id=ids["m2"])
    labels = kili.labels(
        project_id=project_id,
        type_in=["DEFAULT"],
        fields=["labelOf.externalId", "inferenceMark", "honeypotMark"],
    )
    marks = {
        label["labelOf"]["externalId"]: (label["inferenceMark"], label["honeypotMark"])
        for label in labels
    }
    assert marks == {"m1": (1.0, None), "m2": (None, 0.0)}, marks
    assets = kili.assets(project_id=project_id, fields=["externalId", "honeypotMark"])
    assert {a["externalId"]: a["honeypotMark"] for a in assets} == {"m1": None, "m2": 0.0}


passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if all(results) else 1)
