"""Check an HTTP answer against the OpenAPI description of the utility API
(`resources/openapi/utility-api.json`), so that what the simulator serves is what the document
promises: look up the operation by path template and method, the response by status (exact,
then `5XX`, then `default`), and validate the JSON body with its schema (JSON Schema 2020-12)."""

import json
from functools import cache
from typing import Any

import requests
from jsonschema import Draft202012Validator, FormatChecker

from onewindow.resources import resource


@cache
def openapi() -> dict[str, Any]:
    return json.loads(resource("openapi/utility-api.json").read_text(encoding="utf-8"))


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (`#/components/...`) to what it names."""
    while "$ref" in node:
        target: Any = openapi()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operation(method: str, template: str) -> dict[str, Any]:
    return openapi()["paths"]["/" + template][method.lower()]


def response_schema(method: str, template: str, status: int) -> dict[str, Any]:
    responses = operation(method, template)["responses"]
    code = str(status)
    entry = responses.get(code) or responses.get(code[0] + "XX") or responses["default"]
    return resolve(entry)["content"]["application/json"]["schema"]


def schema_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for a schema of the document, its `#/components/...` refs resolvable."""
    return Draft202012Validator(
        {**schema, "components": openapi()["components"]}, format_checker=FormatChecker()
    )


def assert_conforms(response: requests.Response, method: str, template: str) -> None:
    """The answer's status is documented for the operation and its body fits the schema."""
    assert response.headers.get("Content-Type", "").startswith("application/json"), response.headers
    body = response.json()
    errors = sorted(
        schema_validator(response_schema(method, template, response.status_code)).iter_errors(body),
        key=str,
    )
    assert not errors, f"{method} {template} {response.status_code}: {errors[0].message} in {body}"
