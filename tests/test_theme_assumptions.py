"""What the site assumes about Material for MkDocs and mkdocs-static-i18n beyond their public
extension points, each in one place, each checked here so that an upgrade fails loudly and
names the assumption (Material reaches end of life on 2027-05-05; static-i18n is frozen).

Public points the site uses and need no check: MkDocs' events (hooks/pipeline.py), theme
overrides of `main.html` blocks and of partials, `extra` configuration."""

import hashlib
import json
import re
from pathlib import Path

import material
import mkdocs_static_i18n
import pytest

from tests import site

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = site.ROOT / "overrides"

# Overrides that start as copies of Material's partials, with one change each (written in the
# override's header). If Material's original changes, compare it with the override, re-apply
# the change, and record the new original's hash here.
COPIED_PARTIALS = {
    # Palette radios out of the tab order (aria-hidden, tabindex -1): there is no toggle.
    "partials/palette.html": "fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",
    # The search dialog gets a name (aria-label).
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    # Welsh strings: three corrected (Welsh review U2 to U4).
    "partials/languages/cy.html": (
        "cf1c63e6cc156bf84b40bf2513f2e20136a2d1a2c5fc518d23d3da3a517c86bd"
    ),
    # Storage helpers that store nothing.
    "partials/javascripts/base.html": (
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6"
    ),
}


@pytest.mark.parametrize("partial", COPIED_PARTIALS)
def test_material_partials_we_copied_are_unchanged(partial):
    original = (MATERIAL / partial).read_bytes()
    assert hashlib.sha256(original).hexdigest() == COPIED_PARTIALS[partial], (
        f"Material's {partial} has changed since overrides/{partial} was copied from it: "
        "compare the two, re-apply the override's change, and update COPIED_PARTIALS"
    )
    assert (OVERRIDES / partial).exists()


def test_material_renders_the_language_link_without_head_alternates():
    """hooks/languages.py sets extra.alternate to true (not a list): the header includes our
    language link, the head renders no <link rel="alternate"> for Material to fetch sitemaps
    from."""
    header = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    included = '{% if config.extra.alternate %}\n      {% include "partials/alternate.html" %}'
    assert included in header
    assert "{% if config.extra.alternate is iterable %}" in base


def test_material_storage_helpers_are_the_ones_replaced():
    """Material keeps state through four globals; the override defines the same four, and its
    get and set touch no storage."""
    names = re.compile(r"(__md_\w+)=")
    theirs = names.findall((MATERIAL / "partials/javascripts/base.html").read_text("utf-8"))
    ours_text = (OVERRIDES / "partials/javascripts/base.html").read_text("utf-8")
    assert (
        theirs
        == names.findall(ours_text)
        == [
            "__md_scope",
            "__md_hash",
            "__md_get",
            "__md_set",
        ]
    ), "Material's storage helpers changed: update overrides/partials/javascripts/base.html"
    assert "__md_get=()=>null" in ours_text and "__md_set=()=>{}" in ours_text
    assert "localStorage" not in ours_text and "sessionStorage" not in ours_text


def test_material_config_block_holds_the_search_base():
    """hooks/languages.search_base rewrites "base" in Material's __config JSON on Welsh pages,
    so that Material's search loads the Welsh index from cy/search/search_index.json."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert '<script id="__config" type="application/json">' in base, (
        "Material's page configuration block moved: update hooks/languages.MATERIAL_CONFIG"
    )
    assert '"base": base_url' in base, "Material's __config no longer takes its base from base_url"
    (bundle,) = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    assert "search/search_index.json" in bundle.read_text(encoding="utf-8"), (
        "Material's search no longer loads search/search_index.json below the config base"
    )


def test_welsh_pages_search_the_welsh_index(site_dir):
    config = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
    for path, base in (("cy/sections/purpose/", "../../../cy/"), ("sections/purpose/", "../..")):
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        assert json.loads(config.search(html).group(1))["base"] == base, path
    assert (site_dir / "cy" / "search" / "search_index.json").exists()


def test_static_i18n_builds_as_the_pipeline_expects(site_dir):
    """hooks/pipeline.py relies on three things static-i18n does: it builds each language with
    MkDocs' own build (so every build runs the pipeline's events), it finds a generated tool page
    for the Welsh navigation by the English path ('tools/x.md'), and it leaves nav titles it has
    no translation for as they are (the tools' titles arrive already in Welsh)."""
    source = Path(mkdocs_static_i18n.__file__).parent
    plugin = (source / "plugin.py").read_text(encoding="utf-8")
    assert "build(config, dirty=dirty)" in plugin, "static-i18n no longer builds with MkDocs"
    suffix = (source / "suffix.py").read_text(encoding="utf-8")
    assert "expected_src_uri,\n        ]" in suffix, "static-i18n no longer falls back to the path"
    welsh_home = (site_dir / "cy" / "index.html").read_text(encoding="utf-8")
    for tool_id in site.tool_ids():
        assert f'href="tools/{tool_id}/"' in welsh_home, tool_id
