"""GET /api/v1/openapi.json (the OpenAPI 3.1 document) and /api/v1/docs (the same
document as a server-rendered page: no script, no external resource)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, jsonify, render_template

from civic.api.views import bp
from civic.core.permissions import public


@dataclass
class FieldRow:
    name: str
    type: str
    description: str


def describe_type(schema: dict) -> str:
    """A short, readable type: "integer or null", "list of Comment", "one of: a, b"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "anyOf" in schema:
        return " or ".join(describe_type(option) for option in schema["anyOf"])
    if "enum" in schema:
        return "one of: " + ", ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "object")
    if kind == "array":
        return "list of " + describe_type(schema.get("items", {}))
    kinds = kind if isinstance(kind, list) else [kind]
    text = " or ".join(kinds)
    if fmt := schema.get("format"):
        text += f" ({fmt})"
    return text


def fields_of(name: str, schemas: dict) -> list[FieldRow]:
    schema = schemas.get(name, {})
    required = set(schema.get("required", ()))
    return [FieldRow(field, describe_type(spec) + ("" if field in required else " (optional)"),
                     spec.get("description", ""))
            for field, spec in schema.get("properties", {}).items()]


def referenced(name: str, schemas: dict, seen: list[str]) -> list[str]:
    """`name` and every object schema it refers to, depth first, each once."""
    if name in seen or name not in schemas:
        return seen
    seen.append(name)
    for spec in schemas[name].get("properties", {}).values():
        for candidate in _refs(spec):
            referenced(candidate, schemas, seen)
    return seen


def _refs(spec: dict):
    if "$ref" in spec:
        yield spec["$ref"].rsplit("/", 1)[1]
    for option in spec.get("anyOf", ()):
        yield from _refs(option)
    if isinstance(spec.get("items"), dict):
        yield from _refs(spec["items"])
    for nested in spec.get("properties", {}).values():
        yield from _refs(nested)


def _param_type(schema: dict) -> str:
    text = describe_type(schema)
    bounds = [f"{word} {schema[key]}" for key, word in (("minimum", "≥"), ("maximum", "≤"))
              if key in schema]
    if "default" in schema:
        bounds.append(f"default {schema['default']}")
    return text + (f" ({', '.join(bounds)})" if bounds else "")


@bp.get("/openapi.json")
@public
def openapi_document():
    from civic.api.openapi import build_document

    return jsonify(build_document())


@bp.get("/docs")
@public
def docs():
    from civic.api.openapi import build_document, operations

    document = build_document()
    schemas = document["components"]["schemas"]
    server = document["servers"][0]["url"]
    entries = []
    for op in operations():
        objects = referenced(op.response, schemas, []) if op.response else []
        entries.append({
            "op": op, "method": "GET", "path": "/api/v1" + op.path,
            "params": [(p, _param_type(p.schema)) for p in op.params],
            "curl": f"curl -H 'Accept: application/json' '{server}{op.example_url}'",
            "objects": [(name, schemas[name].get("description", ""),
                         fields_of(name, schemas)) for name in objects
                        if schemas[name].get("properties")],
        })
    tags = list(dict.fromkeys(entry["op"].tag for entry in entries))
    return render_template("api/docs.html", document=document, entries=entries, tags=tags,
                           rate_limit=current_app.config.get("API_RATE_LIMIT"))
