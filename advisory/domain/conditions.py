"""The seven framework conditions of the European Stress Test for Cluster Policy: one vocabulary for every stage.

The assessment measures them with regional indicators, the survey asks respondents to rate them,
the briefing weighs both; each says them with these labels, from the reader's catalog.
"""

from __future__ import annotations

from advisory.domain.text import Msg, _

CONDITIONS: dict[str, Msg] = {
    "industrial": _("Industrial conditions"),
    "market": _("Market conditions"),
    "cultural": _("Cultural conditions"),
    "knowledge": _("Knowledge conditions"),
    "regulatory": _("Regulatory and policy conditions"),
    "financial": _("Financial conditions"),
    "support": _("Business support conditions"),
}

TOPICS: dict[str, Msg] = {
    **CONDITIONS,
    "cross-sectoral": _("Cross-sectoral collaboration"),
    "structural change": _("Structural change into emerging industries"),
}
"""What advice is about: the seven conditions, and the two aims the stress test asks about besides them."""
