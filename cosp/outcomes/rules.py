"""Adopted resolutions, decisions, the declaration and the work plan are public; the secretariat
confirms mandates, records their follow-up and edits the work plan."""

import rules

from cosp.core.rules import is_secretariat

rules.add_perm("outcomes.view_outcomes", rules.always_allow)
rules.add_perm("outcomes.manage_outcomes", is_secretariat)
