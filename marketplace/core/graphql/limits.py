"""What a GraphQL document would cost, measured on its syntax tree before it runs.

- depth: nesting of fields; a connection's ``edges``/``node`` and the
  introspection ``ofType`` chain do not add to it;
- aliases: fields requested under another name (the way to repeat one
  expensive field many times in one document);
- cost: the estimated number of fields resolved. A connection multiplies
  what its edges select by its ``first``/``last`` (the largest page when
  absent); any other list by ``LIST_SIZE``.

Fragments and inline fragments count where they are spread; each fragment
is measured once per page size, so fragments spreading fragments cannot
make the measurement itself expensive.
"""

from dataclasses import dataclass

from django.conf import settings
from graphql.language import ast
from graphql.type.definition import GraphQLList, GraphQLNonNull, get_named_type

LIST_SIZE = 10


@dataclass
class Measure:
    cost: int = 0
    depth: int = 0
    aliases: int = 0

    def __add__(self, other):
        return Measure(
            cost=self.cost + other.cost,
            depth=max(self.depth, other.depth),
            aliases=self.aliases + other.aliases,
        )


def measure_document(document_ast, schema, *, variables=None, operation_name=None):
    total = Measure()
    fragments = {
        definition.name.value: definition
        for definition in document_ast.definitions
        if isinstance(definition, ast.FragmentDefinition)
    }
    for definition in document_ast.definitions:
        if not isinstance(definition, ast.OperationDefinition):
            continue
        if operation_name and (definition.name is None or definition.name.value != operation_name):
            continue
        root = {
            "query": schema.get_query_type,
            "mutation": schema.get_mutation_type,
            "subscription": schema.get_subscription_type,
        }[definition.operation]()
        walker = _Walker(schema, fragments, _variables(definition, variables))
        total = total + walker.selections(definition.selection_set, root, None)
    return total


def _variables(operation, given):
    values = {}
    for definition in operation.variable_definitions or []:
        if definition.default_value is not None:
            values[definition.variable.name.value] = _literal(definition.default_value)
    if isinstance(given, dict):
        values.update(given)
    return values


def _literal(node):
    if isinstance(node, ast.IntValue):
        return int(node.value)
    return None


def _fields(graphql_type):
    return getattr(graphql_type, "fields", None) or {}


def _is_connection(graphql_type):
    return {"edges", "pageInfo"} <= set(_fields(graphql_type))


def _is_edge(graphql_type):
    return {"node", "cursor"} <= set(_fields(graphql_type))


class _Walker:
    def __init__(self, schema, fragments, variables):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.measured = {}
        self.open = set()

    def selections(self, selection_set, parent_type, page_size):
        total = Measure()
        for selection in selection_set.selections if selection_set else []:
            if isinstance(selection, ast.Field):
                total = total + self.field(selection, parent_type, page_size)
            elif isinstance(selection, ast.InlineFragment):
                condition = selection.type_condition
                fragment_type = self.schema.get_type(condition.name.value) if condition else None
                total = total + self.selections(
                    selection.selection_set, fragment_type or parent_type, page_size
                )
            elif isinstance(selection, ast.FragmentSpread):
                total = total + self.fragment(selection.name.value, page_size)
        return total

    def fragment(self, name, page_size):
        key = (name, page_size)
        if key not in self.measured:
            definition = self.fragments.get(name)
            if definition is None or name in self.open:  # unknown or cyclic: invalid anyway
                return Measure()
            self.open.add(name)
            fragment_type = self.schema.get_type(definition.type_condition.name.value)
            self.measured[key] = self.selections(
                definition.selection_set, fragment_type, page_size
            )
            self.open.discard(name)
        return self.measured[key]

    def field(self, node, parent_type, page_size):
        name = node.name.value
        definition = _fields(parent_type).get(name)
        field_type = definition.type if definition else None
        if isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        named_type = get_named_type(field_type) if field_type else None

        flat = (
            (name == "edges" and _is_connection(parent_type))
            or (name == "node" and _is_edge(parent_type))
            or name == "ofType"
        )
        repeat = 1
        child_page_size = None
        if name == "edges" and page_size is not None:
            repeat = page_size
        elif _is_connection(named_type):
            child_page_size = self.page_size(node)
        elif (
            isinstance(field_type, GraphQLList)
            and not name.startswith("__")
            and not (parent_type is not None and parent_type.name.startswith("__"))
        ):
            # Introspection lists are left to the depth limit and time budget.
            repeat = LIST_SIZE

        children = self.selections(node.selection_set, named_type, child_page_size)
        return Measure(
            cost=1 + repeat * children.cost,
            depth=(0 if flat else 1) + children.depth,
            aliases=(1 if node.alias is not None else 0) + children.aliases,
        )

    def page_size(self, node):
        largest = settings.GRAPHENE.get("RELAY_CONNECTION_MAX_LIMIT", 100)
        sizes = []
        for argument in node.arguments or []:
            if argument.name.value not in ("first", "last"):
                continue
            if isinstance(argument.value, ast.Variable):
                value = self.variables.get(argument.value.name.value)
            else:
                value = _literal(argument.value)
            sizes.append(value if isinstance(value, int) and value >= 0 else largest)
        return max(sizes) if sizes else largest
