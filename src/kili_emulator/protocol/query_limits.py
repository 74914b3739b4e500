"""Bounds on the cost of one GraphQL operation: checked before it runs, and while it runs.

Executions hold the database, so one expensive request stalls every other client.
Before execution, validation rules refuse documents nested too deeply, with too many
aliases or fields, or selecting a list inside itself (``organization { users {
organization { users ... } } }``, whose cost grows as a power of the data size). While
executing, a middleware counts field resolutions and stops the operation past a
budget, for the costs a look at the document cannot foresee.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    specified_rules,
    validate,
)
from graphql.validation import MaxIntrospectionDepthRule

from kili_emulator.settings import QueryLimits

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
INTROSPECTION_MAX_DEPTH = 16
"""Nesting allowed under ``__schema``/``__type``: the standard introspection query needs 13.

Lists inside introspection are bounded apart, by graphql-core's `MaxIntrospectionDepthRule`.
"""

QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"


@dataclass(frozen=True)
class _Visit:
    """One selection to look at, with what is known of the path leading to it."""

    selection: SelectionNode
    parent: GraphQLNamedType | None
    depth: int
    lists_on_path: frozenset[tuple[str, str]]
    fragments_on_path: frozenset[str]
    introspection: bool


class _OperationShape:
    """Walks one operation, fragments expanded, and stops at the first broken bound."""

    def __init__(self, context: ValidationContext, limits: QueryLimits) -> None:
        self.context = context
        self.limits = limits
        self.selections = 0
        self.aliases = 0

    def first_violation(self, operation: OperationDefinitionNode) -> str | None:
        """Return why the operation is refused, None if it keeps within the limits."""
        root = self.context.schema.get_root_type(operation.operation)
        stack = [
            _Visit(selection, root, 0, frozenset(), frozenset(), False)
            for selection in reversed(operation.selection_set.selections)
        ]
        while stack:
            visit = stack.pop()
            self.selections += 1
            if self.selections > self.limits.max_selections:
                return (
                    f"The operation selects more than {self.limits.max_selections} fields "
                    "once its fragments are expanded; split it into several requests"
                )
            violation, children = self._step(visit)
            if violation is not None:
                return violation
            stack.extend(reversed(children))
        return None

    def _step(self, visit: _Visit) -> tuple[str | None, list[_Visit]]:
        node = visit.selection
        if isinstance(node, FieldNode):
            return self._field(visit, node)
        if isinstance(node, FragmentSpreadNode):
            name = node.name.value
            fragment = self.context.get_fragment(name)
            if fragment is None or name in visit.fragments_on_path:
                return None, []  # unknown fragments and cycles are other rules' errors
            parent = self.context.schema.get_type(fragment.type_condition.name.value)
            fragments = visit.fragments_on_path | {name}
            return None, self._children(visit, fragment.selection_set.selections, parent, fragments)
        if isinstance(node, InlineFragmentNode):
            condition = node.type_condition
            parent = self.context.schema.get_type(condition.name.value) if condition else None
            selections = node.selection_set.selections
            return None, self._children(visit, selections, parent or visit.parent)
        return None, []

    def _field(self, visit: _Visit, node: FieldNode) -> tuple[str | None, list[_Visit]]:
        if node.alias is not None:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                return f"The document uses more than {self.limits.max_aliases} aliases", []
        name = node.name.value
        introspection = visit.introspection or name in INTROSPECTION_FIELDS
        depth = visit.depth + 1
        limit = INTROSPECTION_MAX_DEPTH if introspection else self.limits.max_depth
        if depth > limit:
            return f"The operation nests fields more than {limit} levels deep", []
        field_type = _field_type(visit.parent, name)
        if node.selection_set is None or field_type is None:
            return None, []
        lists = visit.lists_on_path
        if _is_list(field_type) and visit.parent is not None:
            key = (visit.parent.name, name)
            if key in lists:
                return (
                    f"{key[0]}.{name} is selected inside itself; select it once and query "
                    "the nested objects by id in another request"
                ), []
            lists = lists | {key}
        child = _Visit(
            node, get_named_type(field_type), depth, lists, visit.fragments_on_path, introspection
        )
        return None, self._children(child, node.selection_set.selections, child.parent)

    @staticmethod
    def _children(
        visit: _Visit,
        selections: Any,
        parent: GraphQLNamedType | None,
        fragments: frozenset[str] | None = None,
    ) -> list[_Visit]:
        return [
            _Visit(
                selection,
                parent,
                visit.depth,
                visit.lists_on_path,
                visit.fragments_on_path if fragments is None else fragments,
                visit.introspection,
            )
            for selection in selections
        ]


def _field_type(parent: GraphQLNamedType | None, name: str) -> GraphQLOutputType | None:
    if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return None
    definition = parent.fields.get(name)
    return definition.type if definition is not None else None


def _is_list(field_type: GraphQLOutputType) -> bool:
    while isinstance(field_type, GraphQLNonNull):
        field_type = field_type.of_type
    return isinstance(field_type, GraphQLList)


def operation_shape_rule(limits: QueryLimits) -> type[ASTValidationRule]:
    """Build the validation rule that enforces `limits` on each operation of a document."""

    class OperationShapeRule(ValidationRule):
        """Refuses operations too deep, too wide, or selecting a list inside itself."""

        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            """Walk the operation and report its first broken bound."""
            violation = _OperationShape(self.context, limits).first_violation(node)
            if violation is not None:
                self.report_error(
                    GraphQLError(violation, [node], extensions={"code": QUERY_TOO_COMPLEX})
                )

    return OperationShapeRule


def validate_document(
    schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits
) -> list[GraphQLError]:
    """Validate `document` by the specification's rules, bounded introspection and `limits`."""
    rules = [*specified_rules, MaxIntrospectionDepthRule, operation_shape_rule(limits)]
    return validate(schema, document, rules)


class ResolutionBudgetExceededError(BaseException):
    """Stops an execution that resolved too many fields.

    A `BaseException`, so that graphql-core does not turn it into one field error per
    remaining field: it unwinds the whole execution (rolling back the mutation field in
    progress) and is answered as a single request error.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The operation resolved more than {limit} fields and was stopped; "
            "ask for fewer objects per request (smaller `first`, fewer fields)"
        )
        self.limit = limit


class ResolutionBudget:
    """graphql-core middleware counting field resolutions against a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.remaining = limit

    def resolve(self, next_: Callable[..., Any], root: Any, info: Any, **args: Any) -> Any:
        """Count one resolution; stop the execution once the budget is spent."""
        self.remaining -= 1
        if self.remaining < 0:
            raise ResolutionBudgetExceededError(self.limit)
        return next_(root, info, **args)
