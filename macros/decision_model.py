""" "How the tools decide": the decision model every tool shares, as the Board audits it, generated
from common.toml and the tools' specs (so it is always what the tools do): each level and what
each tool's bottom line then says; each fact, its level, its passage of the protocol, whether an
agreed action plan covers it, and the answers in each tool that make it hold."""

import posixpath

from macros.rendering import render
from macros.tool_form import TOOLS_DIR, describe_when, tool_spec
from mawwsb_tools.engine import page_url
from mawwsb_tools.spec import tool_ids


def decision_model(language: str, root: str) -> str:
    """The page's generated part, as Markdown headings (with ids, so that the contents list and
    permalinks have them) around tables rendered from a template."""
    specs = [tool_spec(tool_id) for tool_id in tool_ids()]
    model = specs[0]
    strings = {key: text[language] for key, text in model.strings.items()}
    tools = [
        {
            "id": spec.tool.id,
            "title": spec.tool.title[language],
            "href": root + posixpath.join(TOOLS_DIR, spec.tool.id) + "/",
        }
        for spec in specs
    ]
    levels = [
        {
            "id": level.id,
            "title": level.title[language],
            "meaning": level.meaning[language],
            "outcomes": [
                next(o.title[language] for o in spec.outcomes if o.level == level.id)
                for spec in specs
            ],
        }
        for level in model.levels
    ]

    def fed_by(fact) -> list[dict]:
        if fact.unanswered:
            return [{"tool": "", "when": strings["decide-unanswered"]}]
        return [
            {"tool": spec.tool.title[language], "when": describe_when(spec, signal.when, language)}
            for spec in specs
            for signal in spec.signals
            if signal.fact == fact.id
        ]

    parts = [
        f"## {strings['decide-levels']} {{ #levels }}",
        render("decision_levels.html", strings=strings, levels=levels, tools=tools),
        f"## {strings['decide-facts']} {{ #facts }}",
    ]
    for level in model.levels:
        facts = [
            {
                "id": fact.id,
                "title": fact.title[language],
                "passage": fact.ref.label[language],
                "href": root + page_url(fact.ref.target),
                "covered": fact.plan_covers,
                "fed_by": fed_by(fact),
            }
            for fact in model.facts
            if fact.level == level.id
        ]
        parts += [
            f"### {level.title[language]} {{ #level-{level.id} }}",
            render(
                "decision_facts.html",
                strings=strings,
                facts=facts,
                level=level.id,
                caption=f"{strings['decide-facts-caption']}: {level.title[language]}",
            ),
        ]
    plans = [
        {
            "tool": spec.tool.title[language],
            "when": (
                describe_when(spec, spec.tool.plan_agreed, language)
                if spec.tool.plan_agreed is not None
                else strings["decide-no-plan"]
            ),
        }
        for spec in specs
    ]
    reflection = [
        {
            "tool": spec.tool.title[language],
            "questions": [q.text[language] for q in spec.questions if q.reflection],
        }
        for spec in specs
    ]
    parts += [
        f"## {strings['decide-plan']} {{ #agreed-plan }}",
        render("decision_plans.html", strings=strings, plans=plans),
        f"## {strings['decide-reflection']} {{ #reflection }}",
        render("decision_reflection.html", strings=strings, reflection=reflection),
    ]
    return "\n\n".join(parts)
