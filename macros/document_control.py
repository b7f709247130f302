"""The document-control block: what the protocol says about its own version and dates."""

from macros.rendering import render

# Field in mkdocs.yml extra.document -> label shown on the page.
FIELDS = {
    "owner": "Owner",
    "version": "Version",
    "approved": "Approved",
    "review": "Review date",
    "source": "Source",
}
NOT_STATED = "Not stated in the protocol document"


class DocumentControlError(ValueError):
    pass


def document_control(document: dict) -> str:
    missing = [field for field in FIELDS if field not in document]
    if missing:
        raise DocumentControlError(
            f"mkdocs.yml: extra.document is missing {', '.join(missing)} "
            "(write null where the protocol does not state a value)"
        )
    rows = [(label, document[field] or NOT_STATED) for field, label in FIELDS.items()]
    return render("document_control.html", rows=rows)
