"""What the composed GraphQL schema offers a caller without a token.

``probe_root_fields`` calls every root query and mutation field once, as an
anonymous caller, through the real ``/graphql/`` URL, with placeholder values
for the required arguments, and sorts the fields by Saleor's (and our) answer:
refused with a permission error, or open. ``types_reachable_from`` walks the
schema from a set of root fields to every type a caller can reach through them.
"""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from graphql.type import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
)

from marketplace.schema import schema
from tests.fixtures.cooperatives import png_bytes

PNG = png_bytes()

PLACEHOLDERS = {
    "ID": "UHJvYmU6MA==",  # "Probe:0": no type of ours or Saleor's
    "String": "probe",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "Decimal": "1",
    "PositiveDecimal": "1",
    "WeightScalar": "1",
    "Date": "2020-01-01",
    "DateTime": "2020-01-01T00:00:00+00:00",
    "JSONString": "{}",
    "GenericScalar": "probe",
    "UUID": "00000000-0000-0000-0000-000000000000",
    "Upload": None,
}


def _unwrap(graphql_type):
    while isinstance(graphql_type, (GraphQLNonNull, GraphQLList)):
        graphql_type = graphql_type.of_type
    return graphql_type


def _placeholder(graphql_type, path, uploads):
    """A value for ``graphql_type``; files to send go to ``uploads`` by variable path."""
    if isinstance(graphql_type, GraphQLNonNull):
        return _placeholder(graphql_type.of_type, path, uploads)
    if isinstance(graphql_type, GraphQLList):
        return [_placeholder(graphql_type.of_type, f"{path}.0", uploads)]
    if isinstance(graphql_type, GraphQLEnumType):
        return graphql_type.values[0].name
    if isinstance(graphql_type, GraphQLInputObjectType):
        return {
            name: _placeholder(field.type, f"{path}.{name}", uploads)
            for name, field in graphql_type.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        }
    if graphql_type.name == "Upload":
        uploads.append(path)
    return PLACEHOLDERS.get(graphql_type.name, "probe")


def _type_ref(graphql_type):
    if isinstance(graphql_type, GraphQLNonNull):
        return f"{_type_ref(graphql_type.of_type)}!"
    if isinstance(graphql_type, GraphQLList):
        return f"[{_type_ref(graphql_type.of_type)}]"
    return graphql_type.name


def probe_document(operation, name, field):
    """A document calling ``field`` with every required argument, and its variables."""
    # ``first`` because connections refuse to list without it; ``id`` because
    # a few of Saleor's resolvers take it positionally although it is optional.
    required = {
        arg_name: arg
        for arg_name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull) or arg_name in ("first", "id")
    }
    declarations = ", ".join(f"${arg}: {_type_ref(a.type)}" for arg, a in required.items())
    arguments = ", ".join(f"{arg}: ${arg}" for arg in required)
    selection = "" if isinstance(_unwrap(field.type), (GraphQLScalarType, GraphQLEnumType)) else (
        " { __typename }"
    )
    document = (
        f"{operation} Probe{f'({declarations})' if declarations else ''} "
        f"{{ {name}{f'({arguments})' if arguments else ''}{selection} }}"
    )
    uploads = []
    variables = {
        arg: _placeholder(a.type, f"variables.{arg}", uploads) for arg, a in required.items()
    }
    return document, variables, uploads


def root_fields(operation):
    root = schema.get_query_type() if operation == "query" else schema.get_mutation_type()
    return root.fields


def is_refused(content):
    """Refused before any data: Saleor's permission gates and our access checks alike."""
    return any(
        (error.get("extensions") or {}).get("exception", {}).get("code") == "PermissionDenied"
        for error in content.get("errors") or []
    )


def post(client, document, variables, uploads=()):
    operations = json.dumps({"query": document, "variables": variables})
    if not uploads:
        response = client.post("/graphql/", operations, content_type="application/json")
        return response.json()
    file_map = {str(index): [path] for index, path in enumerate(uploads)}
    data = {"operations": operations, "map": json.dumps(file_map)}
    for index in range(len(uploads)):
        data[str(index)] = SimpleUploadedFile("probe.png", PNG, content_type="image/png")
    return client.post("/graphql/", data).json()


def probe_root_fields(client, operation):
    """{field name: "refused" | "open"} for an anonymous caller."""
    outcome = {}
    for name, field in root_fields(operation).items():
        document, variables, uploads = probe_document(operation, name, field)
        outcome[name] = "refused" if is_refused(post(client, document, variables, uploads)) else (
            "open"
        )
    return outcome


def types_reachable_from(operation, field_names):
    """Names of the output types a caller reaches through ``field_names`` of the root."""
    fields = root_fields(operation)
    seen = set()
    pending = [_unwrap(fields[name].type) for name in field_names]
    while pending:
        graphql_type = pending.pop()
        if graphql_type.name in seen:
            continue
        seen.add(graphql_type.name)
        if isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            pending.extend(_unwrap(field.type) for field in graphql_type.fields.values())
        if isinstance(graphql_type, GraphQLInterfaceType):
            pending.extend(schema.get_possible_types(graphql_type))
        if isinstance(graphql_type, GraphQLUnionType):
            pending.extend(graphql_type.types)
        if isinstance(graphql_type, GraphQLObjectType):
            pending.extend(graphql_type.interfaces)
    return {name for name in seen if not name.startswith("__")}
