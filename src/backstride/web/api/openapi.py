"""Make the OpenAPI document say what the API really answers, in one place.

Routers declare their business answers (201, 400 with a sentence, 404 ...). The
answers every route shares come from the framework and are added here, so a new route
(e.g. PATCH/DELETE /api/logs/{id}) is documented without anyone remembering to:

* **422** (``ValidationErrors``: ``detail`` is a *list* of ``{type, loc, msg}``) on every
  operation that takes a parameter or a body: that is django-ninja's validation answer.
* **401** (``Message``) on every protected operation: no or a wrong token, not signed in.
* **403** (``Message``) on every protected operation that changes something: a signed-in
  browser session without its CSRF token (tokens need no CSRF).
* **400** (``Message``) on every multipart operation: a body that is not readable
  multipart (no boundary, cut off) is refused in one sentence, see ``api.py``.

It also adds **links** between operations (``LINKS``), so clients and the stateful
fuzzing in ``tests/web/test_api_fuzz.py`` know that the ``id`` a POST answers is the
path parameter of the operations on that resource. A link is added only when its target
exists, and a target is matched by path shape, so a later ``/api/logs/{log_id}`` gets
its links from ``POST /api/logs`` without an edit here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backstride.web.api.schemas import ErrorItem, Message, ValidationErrors

REF = "#/components/schemas/{model}"
UNSAFE = {"post", "put", "patch", "delete"}
METHODS = {"get", "post", "put", "patch", "delete"}
_PARAM = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Link:
    """``source`` (method, path, status) feeds ``pointer`` of its body to ``target``'s
    single path parameter; ``target`` is a path with ``{}`` for that parameter, matched
    against every method present there (GET, PATCH, DELETE, POST ...)."""

    source: tuple[str, str, str]
    target: str
    pointer: str
    query: tuple[tuple[str, str], ...] = ()


LINKS: tuple[Link, ...] = (
    # A created log -> reading, changing or deleting it (issue 9 adds those routes).
    Link(("post", "/api/logs", "201"), "/api/logs/{}", "/log/id"),
    # A created log names the next session -> that session of the plan.
    Link(("post", "/api/logs", "201"), "/api/plan/sessions/{}", "/log/next_session_uid"),
    Link(("get", "/api/plan", "200"), "/api/plan/sessions/{}", "/weeks/0/sessions/0/uid"),
    Link(("get", "/api/next", "200"), "/api/plan/sessions/{}", "/planned_uid"),
    Link(("post", "/api/imports", "201"), "/api/imports/{}/confirm", "/id"),
    Link(("post", "/api/form-checks", "201"), "/api/form-checks/{}", "/id"),
    # A token made by the API -> revoking it (never the listed ones: one may be in use).
    Link(("post", "/api/token", "201"), "/api/tokens/{}", "/id"),
    # A list's first item is no link source: an empty list (no checks yet, a coach with
    # no athlete) leaves nothing to follow, and revoking "the first link" in a sequence
    # would end the very access the next steps test.
)

# A coach's athlete -> that athlete's data, through ?athlete=.
ATHLETE_VIEWS = ("/api/plan", "/api/next", "/api/logs", "/api/progress", "/api/form-checks")


def _response(description: str, model: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model=model)}}},
    }


def _components(schema: dict[str, Any]) -> None:
    found = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (Message, ErrorItem):
        found.setdefault(model.__name__, model.model_json_schema(ref_template=REF))
    errors = ValidationErrors.model_json_schema(ref_template=REF)
    errors.pop("$defs", None)
    found.setdefault(ValidationErrors.__name__, errors)


def _is_multipart(operation: dict[str, Any]) -> bool:
    content = operation.get("requestBody", {}).get("content", {})
    return "multipart/form-data" in content


def document_errors(schema: dict[str, Any]) -> None:
    """Add the shared 422/401/403/400 answers to every operation that can give them."""
    _components(schema)
    for path in schema.get("paths", {}).values():
        for method, operation in path.items():
            if method not in METHODS:
                continue
            # ninja keys the statuses by int; JSON makes them strings anyway, and one
            # kind of key lets a declared 404 and an added 422 sit side by side.
            responses = {str(code): answer for code, answer in operation["responses"].items()}
            operation["responses"] = responses
            if operation.get("parameters") or operation.get("requestBody"):
                responses["422"] = _response(
                    "The request does not fit the schema: every problem as {type, loc, msg}.",
                    "ValidationErrors",
                )
            if operation.get("security"):
                responses.setdefault(
                    "401", _response("Not signed in: no, a wrong or a revoked token.", "Message")
                )
                if method in UNSAFE:
                    responses.setdefault(
                        "403",
                        _response(
                            "A signed-in browser session without its CSRF token, or a "
                            "route that is not for this account's role.",
                            "Message",
                        ),
                    )
            if _is_multipart(operation):
                responses.setdefault(
                    "400", _response("The body is not readable multipart/form-data.", "Message")
                )


def _shape(path: str) -> str:
    """``/api/logs/{log_id}`` -> ``/logs/{}``: the prefix depends on where it is mounted."""
    return _PARAM.sub("{}", path).removeprefix("/api")


def _name(method: str, path: str) -> str:
    """``("get", "/api/form-checks/{check_id}")`` -> ``GetFormChecksById``."""
    words = re.split(r"[^A-Za-z0-9{}]+", _shape(path).replace("{}", "-by-id-"))
    return method.capitalize() + "".join(w.capitalize() for w in words if w)


def add_links(schema: dict[str, Any]) -> None:
    """Add ``LINKS`` and the coach's athlete links where source and target both exist."""
    paths: dict[str, dict[str, Any]] = schema.get("paths", {})
    by_shape = {_shape(p): p for p in paths}
    ops = {(m, _shape(p)): op for p, item in paths.items() for m, op in item.items()}
    rules = list(LINKS)
    rules += [
        Link(("get", "/api/coach/athletes", "200"), view, "", (("athlete", "/0/id"),))
        for view in ATHLETE_VIEWS
    ]
    for rule in rules:
        method, source_path, status = rule.source
        source = ops.get((method, _shape(source_path)))
        target_path = by_shape.get(_shape(rule.target))
        if source is None or target_path is None:
            continue
        response = source.get("responses", {}).get(status)
        if response is None:
            continue
        names = _PARAM.findall(target_path)
        for target_method, target in paths[target_path].items():
            if target_method not in METHODS or "operationId" not in target:
                continue
            takes = {p.get("name") for p in target.get("parameters", [])}
            if any(name not in takes for name, _ in rule.query):
                continue  # e.g. POST /api/logs has no ?athlete=: a coach cannot log
            parameters = {name: f"$response.body#{rule.pointer}" for name in names}
            parameters.update({name: f"$response.body#{ptr}" for name, ptr in rule.query})
            response.setdefault("links", {})[_name(target_method, target_path)] = {
                "operationId": target["operationId"],
                "parameters": parameters,
            }
