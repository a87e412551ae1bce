import rules

from cosp.core.rules import is_secretariat

# Reference data is public; only the secretariat changes it (through the admin or the loader).
rules.add_perm("states.view_reference_data", rules.always_allow)
rules.add_perm("states.change_reference_data", is_secretariat)
