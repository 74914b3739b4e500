"""`KiliAPIGateway`: the one object through which the SDK reaches the Kili API."""

from __future__ import annotations

from kili.adapters.kili_api_gateway.asset.gateway import AssetGateway
from kili.adapters.kili_api_gateway.issue.gateway import IssueGateway
from kili.adapters.kili_api_gateway.label.gateway import LabelGateway
from kili.adapters.kili_api_gateway.organization.gateway import OrganizationGateway
from kili.adapters.kili_api_gateway.project.gateway import ProjectGateway
from kili.adapters.kili_api_gateway.project_user.gateway import ProjectUserGateway
from kili.adapters.kili_api_gateway.project_version.gateway import ProjectVersionGateway
from kili.adapters.kili_api_gateway.subscription.gateway import SubscriptionGateway
from kili.adapters.kili_api_gateway.tag.gateway import TagGateway
from kili.adapters.kili_api_gateway.user.gateway import UserGateway
from kili.adapters.kili_api_gateway.workflow.gateway import WorkflowGateway


class KiliAPIGateway(
    ProjectGateway,
    ProjectUserGateway,
    UserGateway,
    LabelGateway,
    AssetGateway,
    SubscriptionGateway,
    TagGateway,
    OrganizationGateway,
    IssueGateway,
    ProjectVersionGateway,
    WorkflowGateway,
):
    """Every operation the SDK performs on the Kili API, one domain mixin each.

    Use cases receive this object and never build it. To test code that uses the SDK
    without a server, build the client on a mock of it:
    `Kili.from_gateway(unittest.mock.create_autospec(KiliAPIGateway, instance=True))`.
    """

    def close(self) -> None:
        """Release the transport's connections."""
        self.transport.close()
