"""Steps of `official_client.py` for the workflow step filters and labels made in a step.

Executed in the official SDK's environment: a fresh project's assets are labeled and
reviewed through its steps, then found with the official SDK's step filters.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

Check = Callable[[str], Callable[[Callable[[], None]], None]]
ANSWER = {"CLASSIFICATION_JOB": {"categories": [{"name": "CAT"}]}}


def run(check: Check, state: dict[str, Any], interface: dict[str, Any]) -> None:
    """Run the step filter checks in order; each records whether it passed."""
    kili = state["kili"]

    @check("step filters: labels and reviews made in steps move the assets")
    def place() -> None:
        title = f"steps {uuid.uuid4().hex[:6]}"
        project_id = kili.create_project(title=title, input_type="IMAGE", json_interface=interface)[
            "id"
        ]
        names = ["a", "b", "c", "d"]
        kili.append_many_to_dataset(
            project_id, content_array=["https://example.com/x.jpg"] * 4, external_id_array=names
        )
        rows = kili.assets(project_id, fields=["id", "externalId"])
        ids = {row["externalId"]: row["id"] for row in rows}
        steps = {step["name"]: step["id"] for step in kili.get_steps(project_id)}
        kili.append_labels(
            asset_id_array=[ids["a"], ids["b"]],
            json_response_array=[ANSWER, ANSWER],
            step_name="Labeling",
        )
        kili.append_labels(
            asset_id_array=[ids["a"]],
            json_response_array=[ANSWER],
            label_type="REVIEW",
            step_id=steps["Review"],
        )
        state.update(step_project_id=project_id, step_ids=steps)

    @check("step filters: assets and counts by step name, id and status")
    def assets_by_step() -> None:
        project_id, steps = state["step_project_id"], state["step_ids"]

        def found(**filters: Any) -> list[str]:
            rows = kili.assets(project_id, fields=["externalId"], **filters)
            assert kili.count_assets(project_id, **filters) == len(rows)
            return sorted(row["externalId"] for row in rows)

        assert found(step_name_in=["Labeling"]) == ["c", "d"]
        assert found(step_name_not_in=["Labeling"]) == ["a", "b"]
        assert found(step_id_in=[steps["Review"]]) == ["a", "b"]
        assert found(step_status_in=["DONE"]) == ["a"]
        assert found(step_status_not_in=["TO_DO"]) == ["a"]
        assert found(step_name_and_status_in=[("Review", "TO_DO")]) == ["b"]
        assert found(step_id_and_status_not_in=[(steps["Labeling"], "TO_DO")]) == ["a", "b"]

    @check("step filters: labels by the step of their asset")
    def labels_by_step() -> None:
        project_id, steps = state["step_project_id"], state["step_ids"]
        assert kili.count_labels(project_id, asset_step_name_in=["Review"]) == 3
        labels = kili.labels(
            project_id, asset_step_id_in=[steps["Review"]], asset_step_status_in=["DONE"]
        )
        assert len(labels) == 2, labels
        assert kili.predictions(project_id, asset_step_name_in=["Review"]) == []
