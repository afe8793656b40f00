"""The OpenAPI description of the utility API is complete and well-formed.

No OpenAPI validator is available offline, so its structure is checked here: every operation of
`utility-api.md` is described (and nothing else), every response has a JSON schema, every
`$ref` resolves, every schema is valid JSON Schema 2020-12, and the examples of the spec fit.
"""

import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from onewindow.simulator.api import ROUTES
from tests.helpers.openapi_conformance import openapi, resolve, schema_validator

# The operations of ../shared/utility-api.md.
SPEC_OPERATIONS = {
    ("post", "/v1/tickets"),
    ("get", "/v1/changes"),
    ("get", "/v1/tickets/{utility_ticket_no}"),
    ("post", "/v1/tickets/{utility_ticket_no}/materials"),
    ("post", "/v1/tickets/{utility_ticket_no}/cancel"),
    ("get", "/v1/health"),
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, item in openapi()["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in all_refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in all_refs(value)]
    return []


def test_it_is_openapi_3_1_with_a_title_and_version() -> None:
    doc = openapi()
    assert re.fullmatch(r"3\.1\.\d+", doc["openapi"])
    assert doc["info"]["title"] and doc["info"]["version"]
    assert doc["servers"]


def test_every_operation_of_the_spec_is_described_and_nothing_else() -> None:
    assert {(m, p) for m, p, _ in operations()} == SPEC_OPERATIONS


def test_the_simulator_routes_are_the_documented_operations() -> None:
    assert {(r.method.lower(), "/" + r.template) for r in ROUTES} == SPEC_OPERATIONS


def test_every_ref_resolves() -> None:
    refs = all_refs(openapi())
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/"), ref
        assert resolve({"$ref": ref}), ref


def test_operation_ids_are_unique() -> None:
    ids = [op["operationId"] for _, _, op in operations()]
    assert len(ids) == len(set(ids))


def test_every_response_has_a_json_schema_and_a_description() -> None:
    for method, path, op in operations():
        assert op["responses"], (method, path)
        for status, entry in op["responses"].items():
            assert re.fullmatch(r"[1-5]\d\d|[1-5]XX|default", status), status
            response = resolve(entry)
            assert response["description"], (method, path, status)
            schema = response["content"]["application/json"]["schema"]
            assert schema, (method, path, status)


def test_every_error_response_has_the_errors_shape() -> None:
    errors_schema = {"$ref": "#/components/schemas/Errors"}
    for _, _, op in operations():
        for status, entry in op["responses"].items():
            if not status.startswith("2"):
                assert resolve(entry)["content"]["application/json"]["schema"] == errors_schema


def test_path_parameters_are_declared() -> None:
    for path, item in openapi()["paths"].items():
        declared = {
            resolve(p)["name"] for p in item.get("parameters", []) if resolve(p)["in"] == "path"
        }
        assert declared == set(re.findall(r"\{(\w+)\}", path)), path


def test_posts_require_an_idempotency_key_and_every_operation_takes_the_signature() -> None:
    for method, path, op in operations():
        names = {resolve(p)["name"]: resolve(p) for p in op.get("parameters", [])}
        assert {"X-OneWindow-Timestamp", "X-OneWindow-Signature"} <= names.keys(), path
        if method == "post":
            assert names["Idempotency-Key"]["required"] is True, path
            assert op["requestBody"]["required"] is True


def test_retryable_statuses_carry_retry_after() -> None:
    for _, path, op in operations():
        for status in ("408", "425", "429", "500", "502", "503", "504"):
            assert "Retry-After" in resolve(op["responses"][status])["headers"], (path, status)


def test_security_schemes_cover_token_and_signature() -> None:
    schemes = openapi()["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {**schemes["bearerToken"], "type": "http", "scheme": "bearer"}
    assert {schemes[n]["name"] for n in ("signatureTimestamp", "signature")} == {
        "X-OneWindow-Timestamp",
        "X-OneWindow-Signature",
    }
    for requirement in openapi()["security"]:
        assert set(requirement) <= schemes.keys()


@pytest.mark.parametrize("name", sorted(openapi()["components"]["schemas"]))
def test_every_schema_is_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(openapi()["components"]["schemas"][name])


SPEC_TICKET = {
    "ticket_id": "5f0c5a8e-8d57-4c47-9b4e-0f0d3c2a9b11",
    "application_no": "LBGX-20261127-0007",
    "utility": "gas",
    "service": "new_connection",
    "submitted_at": "2026-11-27T09:30:00+08:00",
    "hall": {"code": "LBGX", "counter": "W03", "clerk": "zhangwei"},
    "applicant": {
        "kind": "organization",
        "name": "灵宝市某某食品有限公司",
        "id_type": "uscc",
        "id_number": "91411282MA9XXXXXXX",
        "contact_name": "王敏",
        "phone": "13800000000",
    },
    "site": {
        "address": "河南省三门峡市灵宝市函谷路100号",
        "project_name": "食品加工厂一期",
        "permit_no": "411282202611270101",
        "land_acquired_on": "2022-05-10",
    },
    "details": {
        "usage": "industrial",
        "monthly_volume_m3": 1200,
        "external_works": True,
        "external_length_m": 150,
    },
    "agency_permits": ["road_excavation"],
    "materials": [
        {"code": "application_form", "received": True},
        {"code": "business_license", "received": False, "due": "2026-12-04"},
    ],
}


def schema(name: str) -> Draft202012Validator:
    return schema_validator({"$ref": f"#/components/schemas/{name}"})


def test_the_spec_examples_fit_their_schemas() -> None:
    schema("TicketRequest").validate(SPEC_TICKET)
    schema("ChangesPage").validate(
        {
            "changes": [
                {
                    "seq": 41,
                    "utility_ticket_no": "GAS-2026-000123",
                    "ticket_id": "5f0c…",
                    "status": "surveying",
                    "at": "2026-11-27T14:00:00+08:00",
                    "note": None,
                }
            ],
            "last_seq": 41,
            "feed_id": "b7e1c0d2",
        }
    )
    schema("TicketCreated").validate(
        {
            "utility_ticket_no": "GAS-2026-000123",
            "status": "accepted",
            "accepted_at": "2026-11-27T09:30:00+08:00",
        }
    )


def test_a_feed_page_without_feed_id_and_an_unknown_status_are_allowed() -> None:
    change = {
        "seq": 1,
        "utility_ticket_no": "W-1",
        "ticket_id": "x",
        "status": "on_hold_weather",
        "at": "2026-11-27T14:00:00+08:00",
        "note": "雨天停工",
    }
    schema("ChangesPage").validate({"changes": [change], "last_seq": 1})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"applicant": {**SPEC_TICKET["applicant"], "contact_name": None}}, "contact_name"),
        ({"service": "repair"}, "account_no"),
        ({"details": {"external_works": True}}, "external_length_m"),
        ({"submitted_at": "2026-11-27 09:30"}, "submitted_at"),
    ],
)
def test_the_ticket_schema_refuses_what_the_spec_forbids(
    change: dict[str, Any], field: str
) -> None:
    ticket = {**SPEC_TICKET, **change}
    if change.get("applicant"):
        del ticket["applicant"]["contact_name"]
    errors = list(schema("TicketRequest").iter_errors(ticket))
    assert errors and any(field in str(e) for e in errors), errors


# The fields OpenAPI 3.1 allows on each object (`x-` extensions aside): a misspelt field
# would otherwise be silently ignored by every tool that reads the document.
ALLOWED_FIELDS = {
    "document": {
        "openapi",
        "info",
        "jsonSchemaDialect",
        "servers",
        "paths",
        "webhooks",
        "components",
        "security",
        "tags",
        "externalDocs",
    },
    "info": {"title", "summary", "description", "termsOfService", "contact", "license", "version"},
    "server": {"url", "description", "variables"},
    "server variable": {"enum", "default", "description"},
    "path item": {"$ref", "summary", "description", "servers", "parameters", *METHODS},
    "operation": {
        "tags",
        "summary",
        "description",
        "externalDocs",
        "operationId",
        "parameters",
        "requestBody",
        "responses",
        "callbacks",
        "deprecated",
        "security",
        "servers",
    },
    "parameter": {
        "name",
        "in",
        "description",
        "required",
        "deprecated",
        "allowEmptyValue",
        "style",
        "explode",
        "allowReserved",
        "schema",
        "example",
        "examples",
        "content",
    },
    "request body": {"description", "content", "required"},
    "media type": {"schema", "example", "examples", "encoding"},
    "response": {"description", "headers", "content", "links"},
    "header": {
        "description",
        "required",
        "deprecated",
        "style",
        "explode",
        "schema",
        "example",
        "examples",
        "content",
    },
    "security scheme": {
        "type",
        "description",
        "name",
        "in",
        "scheme",
        "bearerFormat",
        "flows",
        "openIdConnectUrl",
    },
    "components": {
        "schemas",
        "responses",
        "parameters",
        "examples",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
    },
}


def objects_of_each_kind() -> list[tuple[str, dict[str, Any]]]:
    doc = openapi()
    found: list[tuple[str, dict[str, Any]]] = [
        ("document", doc),
        ("info", doc["info"]),
        ("components", doc["components"]),
    ]
    for server in doc["servers"]:
        found.append(("server", server))
        found += [("server variable", v) for v in server.get("variables", {}).values()]
    components = doc["components"]
    found += [("parameter", p) for p in components["parameters"].values()]
    found += [("header", h) for h in components["headers"].values()]
    found += [("security scheme", s) for s in components["securitySchemes"].values()]
    responses = list(components["responses"].values())
    for item in doc["paths"].values():
        found.append(("path item", item))
        for method, op in item.items():
            if method not in METHODS:
                continue
            found.append(("operation", op))
            if "requestBody" in op:
                found.append(("request body", op["requestBody"]))
                found += [("media type", m) for m in op["requestBody"]["content"].values()]
            responses += [r for r in op["responses"].values() if "$ref" not in r]
    for response in responses:
        found.append(("response", response))
        found += [("media type", m) for m in response.get("content", {}).values()]
        found += [("header", h) for h in response.get("headers", {}).values() if "$ref" not in h]
    return found


def test_every_object_has_only_the_fields_openapi_defines() -> None:
    for kind, node in objects_of_each_kind():
        unknown = {k for k in node if not k.startswith("x-")} - ALLOWED_FIELDS[kind]
        assert not unknown, (kind, unknown)


def test_required_fields_of_each_object() -> None:
    for kind, node in objects_of_each_kind():
        if kind == "parameter":
            assert {"name", "in", "schema"} <= node.keys(), node
            assert node["in"] != "path" or node["required"] is True
        elif kind == "response":
            assert "description" in node
        elif kind == "server variable":
            assert isinstance(node["default"], str)
        elif kind == "security scheme":
            required = {"apiKey": {"name", "in"}, "http": {"scheme"}}[node["type"]]
            assert required <= node.keys()
