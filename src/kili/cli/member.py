"""`kili project member add|list|update|rm`."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast, get_args

from kili.cli.common import (
    ROLES,
    Output,
    UsageError,
    add_connection_options,
    add_from_csv_option,
    add_json_option,
    add_project_id_option,
    add_table_format_option,
    open_client,
    read_csv_rows,
)
from kili.domain.project import ProjectRole
from kili.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from kili.client import Kili

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
MEMBER_FIELDS = [
    "id",
    "role",
    "activated",
    "user.id",
    "user.email",
    "user.firstname",
    "user.lastname",
    "user.organization.name",
]

Member = dict[str, str]
"""A member to add, update or remove: `email`, and `role` when it applies."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `member` and its commands to `kili project`."""
    group = commands.add_parser(
        "member",
        help="Commands to interact with Kili project members.",
        description="Commands to interact with Kili project members.",
    )
    group.set_defaults(help_parser=group)
    members = group.add_subparsers(dest="member_command", metavar="COMMAND")

    parser = members.add_parser(
        "list",
        help="List the members of the project.",
        description="List the members of the project.\n\nExample:\n"
        "  kili project member list <project_id> --stdout-format pretty",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_connection_options(parser)
    parser.add_argument("project_id", help="Id of the project")
    add_table_format_option(parser)
    add_json_option(parser)
    parser.set_defaults(handler=list_members, help_parser=parser)

    for name, summary, handler in (
        ("add", "Add members to a Kili project.", add_members),
        ("update", "Update member's role of a Kili project.", update_members),
        ("rm", "Remove members from a Kili project.", remove_members),
    ):
        parser = members.add_parser(
            name,
            help=summary,
            description=f"{summary}\n\nEMAILS can be given as arguments, separated by spaces.\n\n"
            f"Examples:\n  kili project member {name} --project-id <project_id>"
            + (" --role REVIEWER" if name != "rm" else "")
            + " john.doe@example.com jane.doe@example.com\n"
            f"  kili project member {name} --project-id <project_id> --from-csv members.csv",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add_connection_options(parser)
        parser.add_argument("emails", nargs="*", metavar="EMAILS", help="E-mails of the users.")
        add_project_id_option(parser)
        if name == "rm":
            add_from_csv_option(parser, "email", "role")
            parser.add_argument(
                "--all", dest="all_members", action="store_true",
                help="Remove all users from project",
            )  # fmt: skip
        else:
            parser.add_argument(
                "--role", choices=ROLES, default=None,
                help="Project role of the user(s). Default: LABELER.",
            )  # fmt: skip
            add_from_csv_option(parser, "email", "role")
            parser.add_argument(
                "--from-project", dest="project_id_src", default=None,
                help="project_id of another Kili project",
            )  # fmt: skip
        parser.set_defaults(handler=handler, help_parser=parser)


def list_members(args: argparse.Namespace, out: Output) -> None:
    """Print the active members: role, name, e-mail, id and organization."""
    with open_client(args) as kili:
        members = [m for m in _project_users(kili, args.project_id) if m.get("activated")]
    order = {role: index for index, role in enumerate(ROLES)}
    members.sort(key=lambda m: (order.get(m["role"], len(ROLES)), m["user"].get("lastname") or ""))
    if args.json:
        out.json(members)
        return
    rows = [
        [
            m["role"],
            _full_name(m["user"]),
            m["user"]["email"],
            m["user"]["id"],
            (m["user"].get("organization") or {}).get("name", ""),
        ]
        for m in members
    ]
    out.table(["ROLE", "NAME", "EMAIL", "ID", "ORGANIZATION"], rows, args.tablefmt)


def _full_name(user: dict[str, Any]) -> str:
    return f"{(user.get('firstname') or '').title()} {(user.get('lastname') or '').title()}".strip()


def add_members(args: argparse.Namespace, out: Output) -> None:
    """Add users to the project, leaving the active members as they are."""
    _check_sources(args)
    with open_client(args) as kili:
        wanted = _members_named(args, kili, default_role="LABELER")
        active = {
            m["user"]["email"] for m in _project_users(kili, args.project_id) if m["activated"]
        }
        count = 0
        for member in wanted:
            if member["email"] in active:
                out.warning(
                    f"{member['email']} is already an active member of the project."
                    " Use kili project member update to update role."
                )
                continue
            kili.append_to_roles(
                project_id=args.project_id,
                user_email=member["email"],
                role=_role(member["role"]),
            )
            count += 1
    out.result(f"{count} member(s) have been successfully added to project: {args.project_id}")


def update_members(args: argparse.Namespace, out: Output) -> None:
    """Change the role of active members."""
    _check_sources(args)
    with open_client(args) as kili:
        wanted = _members_named(args, kili, default_role="LABELER")
        active = {
            m["user"]["email"]: m for m in _project_users(kili, args.project_id) if m["activated"]
        }
        count = 0
        for member in wanted:
            current = active.get(member["email"])
            if current is None:
                out.warning(
                    f"{member['email']} is not an active member of the project."
                    " Use kili project member add to add member."
                )
            elif current["role"] == member["role"]:
                out.warning(
                    f"{member['email']} is already an active member of the project"
                    " with the same role."
                )
            else:
                kili.update_properties_in_project_user(
                    project_id=args.project_id,
                    user_email=member["email"],
                    role=_role(member["role"]),
                )
                count += 1
    out.result(
        f"{count} member's role(s) have been successfully updated in project: {args.project_id}"
    )


def remove_members(args: argparse.Namespace, out: Output) -> None:
    """Remove active members from the project."""
    _check_sources(args)
    with open_client(args) as kili:
        active = {
            m["user"]["email"]: m for m in _project_users(kili, args.project_id) if m["activated"]
        }
        if args.all_members:
            wanted: list[Member] = [{"email": email} for email in active]
        else:
            wanted = _members_named(args, kili, default_role=None)
        count = 0
        for member in wanted:
            current = active.get(member["email"])
            if current is None:
                out.warning(f"{member['email']} is not an active member of the project.")
                continue
            kili.delete_from_roles(role_id=current["id"])
            count += 1
    out.result(f"{count} member(s) have been successfully removed from project: {args.project_id}")


def _role(value: str) -> ProjectRole:
    """Type a role `_checked` accepted."""
    if value not in get_args(ProjectRole):
        raise InvalidArgumentError(f"{value!r} is not a role: {', '.join(ROLES)}")
    return cast(ProjectRole, value)


def _project_users(kili: Kili, project_id: str) -> list[dict[str, Any]]:
    users: list[dict[str, Any]] = kili.project_users(
        project_id=project_id, fields=MEMBER_FIELDS, disable_tqdm=True
    )
    return users


def _check_sources(args: argparse.Namespace) -> None:
    """Refuse anything but exactly one source of members, before connecting."""
    sources = ["EMAILS", "--from-csv"]
    given = [bool(args.emails), args.csv_path is not None]
    if hasattr(args, "all_members"):
        sources.append("--all")
        given.append(args.all_members)
    else:
        sources.append("--from-project")
        given.append(args.project_id_src is not None)
        if args.role is not None and given[2]:
            raise UsageError("--role cannot be used with --from-project: its roles are copied")
    if sum(given) != 1:
        raise UsageError(f"give exactly one of: {', '.join(sources)}")


def _members_named(args: argparse.Namespace, kili: Kili, default_role: str | None) -> list[Member]:
    """Collect the members named by EMAILS, --from-csv or --from-project, with their roles."""
    role = getattr(args, "role", None)
    source = getattr(args, "project_id_src", None)
    if args.csv_path is not None:
        rows = read_csv_rows(args.csv_path, ("email",), ("role",))
        if role is not None and any(row.get("role") for row in rows):
            raise UsageError("--role cannot be used with a CSV file that has a role column")
        members = [
            {"email": row["email"], "role": row.get("role") or role or default_role or ""}
            for row in rows
        ]
    elif source is not None:
        members = [
            {"email": m["user"]["email"], "role": m["role"]}
            for m in _project_users(kili, source)
            if m["activated"]
        ]
    else:
        members = [{"email": email, "role": role or default_role or ""} for email in args.emails]
    return _checked(members, args.csv_path or source or "the arguments")


def _checked(members: Sequence[Member], origin: str) -> list[Member]:
    """Refuse invalid e-mails and roles, all listed at once, before anything is sent."""
    problems = [m["email"] for m in members if not EMAIL.match(m["email"])]
    problems = [f"{email!r} is not a valid e-mail address" for email in problems]
    problems += [
        f"{m['role']!r} (for {m['email']}) is not a role: {', '.join(ROLES)}"
        for m in members
        if m.get("role") and m["role"] not in ROLES
    ]
    if problems:
        raise InvalidArgumentError("; ".join(problems))
    if not members:
        raise InvalidArgumentError(f"No member found in {origin}")
    return list(members)
