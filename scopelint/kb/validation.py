"""OpenAPI validation of Atlassian's documents with openapi-spec-validator.

Atlassian's own documents fail strict validation (enum defaults that are not in the enum, and
the like), so the default is to count the errors and show the first few as warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_COLLECTED = 200


@dataclass(slots=True)
class ValidationReport:
    errors: int = 0
    first: list[str] = field(default_factory=list)
    capped: bool = False  # stopped counting at MAX_COLLECTED


def validate_document(document: Mapping[str, Any], show: int = 3) -> ValidationReport:
    """Validate against the OpenAPI 3.0/3.1 schema; never raises for an invalid document."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(document.get("openapi", ""))
    validator_cls = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    report = ValidationReport()
    try:
        errors = validator_cls(document).iter_errors()
        for error in errors:
            report.errors += 1
            if len(report.first) < show:
                report.first.append(_one_line(error))
            if report.errors >= MAX_COLLECTED:
                report.capped = True
                break
    except RecursionError:
        report.errors += 1
        report.first.append("document nests too deeply to validate")
    except Exception as exc:  # the validator itself failed on a malformed document
        report.errors += 1
        report.first.append(f"validator failed: {' '.join(str(exc).split())[:160]}")
    return report


def _one_line(error: Any) -> str:
    message = " ".join(str(getattr(error, "message", error)).split())
    if len(message) > 120:
        message = message[:117] + "..."
    where = "/".join(str(p) for p in getattr(error, "absolute_path", ()) or ())
    return (f"{message} (at /{where})" if where else message)[:240]
