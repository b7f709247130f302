"""Anchors that must exist on the English (and later Welsh) protocol pages.

Intranets, the tools' protocol references and the Welsh pages link to these ids, so once
published they never change. Keys are page paths relative to docs/.
"""

REQUIRED_ANCHORS: dict[str, list[str]] = {
    "dissemination.md": ["dissemination-and-implementation", "assurance"],
    "sections/purpose.md": ["purpose", "aims", "risk-assessment-areas"],
    "sections/definition.md": [
        "definition",
        "mental-capacity-act-2005",
        "mca-statutory-principles",
    ],
    "sections/recognition-and-understanding.md": [
        "recognition-and-understanding",
        "ambivalence",
        "avoidance",
        "disguised-compliance",
        "confrontation",
        "violence",
        "extreme-non-cooperation",
        "personal-safety",
    ],
    "sections/impact-on-assessment.md": [
        "impact-on-assessment",
        "impact-on-child-or-adult-at-risk",
        "impact-on-parent-carer",
        "colluding",
        "rule-of-optimism",
        "child-or-adult-at-risk-considerations",
    ],
    "sections/impact-on-multi-agency-working.md": [
        "impact-on-multi-agency-working",
        "inter-agency-basis",
        "breakdown-risks",
        "ensuring-effective-multi-agency-working",
        "alert-other-agencies",
    ],
    "sections/sharing-information.md": ["sharing-information", "information-sharing-protocol"],
    "sections/supervision.md": ["supervision", "agency-support", "supervision-questions"],
    "sections/multi-agency-meetings.md": [
        "multi-agency-meetings",
        "meeting-options",
        "risk-reduction-plan",
        "too-intimidated",
    ],
    "sections/response-to-uncooperative-families.md": [
        "response-to-uncooperative-families",
        "improving-outcomes",
        "responses-to-avoid",
        "fight-response",
        "acquiescing",
        "hyper-alert",
        "filtering-out",
        "helpless-paralysed",
    ],
    "sections/professional-curiosity-and-challenge.md": [
        "professional-curiosity-and-challenge",
        "professional-curiosity",
        "disguised-compliance-principles",
        "respecting-families",
        "harmful-practices",
        "interpreters",
    ],
    "appendices/reasons-for-non-cooperation.md": [
        "reasons-for-non-cooperation",
        "making-sense-of-responses",
    ],
    "appendices/dealing-with-hostility-and-violence.md": [
        "dealing-with-hostility-and-violence",
        "threatening-behaviour",
        "covert-threats",
        "making-sense-of-hostile-responses",
        "impact-on-professionals",
        "factors-increasing-impact",
        "hostage-like-responses",
    ],
    "appendices/keeping-professionals-safe.md": [
        "keeping-professionals-safe",
        "professional-responsibility",
        "before-contact",
        "professionals-should",
        "if-an-incident-occurs",
        "professionals-should-not",
        "management-responsibilities",
        "threats-criminal-offence",
        "managers-should",
    ],
    "appendices/supervision-and-support.md": [
        "supervision-and-support",
        "culture-of-openness",
        "supervision-discussion",
        "agreed-action-plan",
        "preparing-for-supervision",
        "records-flag-risk",
    ],
    "appendices/good-practice-guidance.md": ["good-practice-guidance", "agency-policies"],
}
