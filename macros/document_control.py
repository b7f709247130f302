"""The document-control block: what the protocol says about its own version and dates
(i18n/document.yml), with the known issues in the source text and what the site adds."""

from macros.document import load_document, stated
from macros.editorial import editorial_lists
from macros.rendering import render


def document_control(ui: dict[str, str], language: str) -> str:
    """`ui`: the page language's interface strings."""
    document = load_document()
    not_stated = ui["document_control_not_stated"]
    rows = [
        (ui["document_control_owner"], ui["document_owner"]),
        *(
            (ui[f"document_control_{field}"], stated(document, field, language, not_stated))
            for field in ("version", "approved", "review")
        ),
        (ui["document_control_source"], ui["document_source"]),
    ]
    return render(
        "document_control.html",
        heading=ui["document_control_heading"],
        rows=rows,
        **editorial_lists(language, ui),
    )
