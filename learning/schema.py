"""The OpenAPI schema generator of the API: drf-spectacular's, plus the error answers every
operation can give, so clients (and schemathesis' contract checks) know all of them."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Field errors ({"field": ["message"]}) or {"detail": "...", "code": "..."}; "code" is left
# untyped because a field may be called so ({"code": ["No class has this code."]}).
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    },
    "additionalProperties": True,
}


class AutoSchema(SpectacularAutoSchema):
    def _error_codes(self) -> dict[str, Any]:
        codes = {
            # The address policy, query-parameter checks and JSON bodies.
            "400": _("The request is malformed or a value is refused; the body says which."),
            # A bad token, a missing role, or a cross-site write.
            "403": _("Not allowed for this user (or sent from another site)."),
            "429": _("Too many requests: try again later."),
        }
        # An object in the path or in the body that does not exist, or a page past the end.
        if "{" in self.path or self.method in UNSAFE_METHODS or self._get_paginator():
            codes["404"] = _("No such object, or not visible to this user.")
        if self.method in UNSAFE_METHODS:
            codes["409"] = _("The object changed meanwhile, or its state does not allow this.")
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, description in self._error_codes().items():
            responses.setdefault(
                code,
                {
                    "description": str(description),
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                },
            )
        return responses
