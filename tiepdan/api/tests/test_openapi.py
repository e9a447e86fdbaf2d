"""The OpenAPI document describes the endpoints and their schemas, and is public."""

from __future__ import annotations

import json
import typing

from tiepdan.api.schemas import PSEUDO_ACTIONS, ActionName
from tiepdan.petitions.workflow import Action


def test_the_openapi_document_lists_the_petition_endpoints_with_schemas(db, client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    spec = json.loads(response.content)
    paths = spec["paths"]
    assert {
        "/api/v1/petitions",
        "/api/v1/petitions/{reference}",
        "/api/v1/petitions/{reference}/events",
        "/api/v1/petitions/{reference}/actions",
        "/api/v1/units",
    } <= set(paths)
    assert set(paths["/api/v1/petitions"]) == {"get", "post"}
    schemas = spec["components"]["schemas"]
    assert {"PetitionIn", "PetitionOut", "PetitionListOut", "ActionIn", "EventOut"} <= set(schemas)
    create = paths["/api/v1/petitions"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/PetitionIn"
    )
    assert create["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/PetitionOut"
    )
    assert create["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorOut"
    )
    actions = paths["/api/v1/petitions/{reference}/actions"]["post"]
    assert actions["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ActionIn"
    )
    events = paths["/api/v1/petitions/{reference}/events"]["get"]
    assert events["responses"]["200"]["content"]["application/json"]["schema"]["items"][
        "$ref"
    ].endswith("/EventOut")
    assert {"ApiTokenAuth", "SessionAuth"} <= set(spec["components"]["securitySchemes"])
    assert "id" not in schemas["PetitionOut"]["properties"]


def test_the_browsable_docs_are_public(db, client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn." not in response.content  # agencies' networks may have no internet access


def test_the_api_accepts_every_workflow_action_and_the_two_follow_up_steps():
    assert set(typing.get_args(ActionName)) == set(Action.values) | set(PSEUDO_ACTIONS)
