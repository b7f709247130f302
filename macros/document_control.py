"""The document-control block: what the protocol says about its own version and dates."""

from macros.editorial import editorial_lists
from macros.rendering import render

DATED_FIELDS = ("version", "approved", "review")


class DocumentControlError(ValueError):
    pass


def document_control(document: dict, ui: dict[str, str], language: str) -> str:
    """`document` is mkdocs.yml extra.document; `ui` the page language's interface strings.
    With the known issues in the source text and what the site adds (macros/editorial.py)."""
    missing = [field for field in DATED_FIELDS if field not in document]
    if missing:
        raise DocumentControlError(
            f"mkdocs.yml: extra.document is missing {', '.join(missing)} "
            "(write null where the protocol does not state a value)"
        )
    not_stated = ui["document_control_not_stated"]
    rows = [
        (ui["document_control_owner"], ui["document_owner"]),
        *(
            (ui[f"document_control_{field}"], document[field] or not_stated)
            for field in DATED_FIELDS
        ),
        (ui["document_control_source"], ui["document_source"]),
    ]
    return render(
        "document_control.html",
        heading=ui["document_control_heading"],
        rows=rows,
        **editorial_lists(language, ui),
    )
