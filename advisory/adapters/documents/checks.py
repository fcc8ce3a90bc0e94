"""`advisory templates check`: every Word template against the names its context really has."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import nodes
from pydantic import BaseModel

from advisory.adapters.documents.render import TEMPLATE_GLOBALS, jinja_env

TOP_LEVEL = {"region", "document", "result", "sources"}


class TemplateIssue(BaseModel):
    template: str
    variable: str
    kind: str  # "undeclared": the template uses a name the context lacks; "unused": a result field never shown
    message: str


def _result_attributes(template: DocxTemplate) -> set[str]:
    """Names read as `result.<name>` anywhere in the template's jinja source."""
    template.init_docx()
    source = template.patch_xml(template.get_xml())
    parsed = jinja_env("en").parse(source)
    return {
        node.attr
        for node in parsed.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "result"
    }


def check_template(path: Path, model: type[BaseModel] | None = None) -> list[TemplateIssue]:
    template = DocxTemplate(str(path))
    issues = [
        TemplateIssue(
            template=str(path),
            variable=v,
            kind="undeclared",
            message=f"{{{{ {v} }}}} is not in the context (only {', '.join(sorted(TOP_LEVEL))})",
        )
        for v in sorted(
            template.get_undeclared_template_variables(jinja_env=jinja_env("en")) - TOP_LEVEL - TEMPLATE_GLOBALS
        )
    ]
    if model is None:
        return issues
    fields = set(model.model_fields) | {n for n in dir(model) if isinstance(getattr(model, n, None), property)}
    used = _result_attributes(template)
    issues += [
        TemplateIssue(
            template=str(path),
            variable=f"result.{v}",
            kind="undeclared",
            message=f"result.{v} is not a field of {model.__name__}",
        )
        for v in sorted(used - fields)
    ]
    issues += [
        TemplateIssue(
            template=str(path), variable=f"result.{v}", kind="unused", message=f"{model.__name__}.{v} is never shown"
        )
        for v in sorted(set(model.model_fields) - used)
    ]
    return issues


def check_templates(templates_dir: Path, result_models: Mapping[str, type[BaseModel]]) -> list[TemplateIssue]:
    """Every `*.docx` under the folder (regional-language variants included), against its document's result model."""
    return [
        issue
        for path in sorted(templates_dir.rglob("*.docx"))
        for issue in check_template(path, result_models.get(path.stem))
    ]
