"""Who may do what with sessions. The object of a session-level permission is the Session."""

import rules

from cosp.core.rules import is_focal_point, is_observer, is_secretariat, is_state_official, states_of


@rules.predicate
def is_bureau_member(user, session) -> bool:
    """A representative of a State that holds an office at this session (rule 22's bureau)."""
    if session is None or not user.is_authenticated:
        return False
    return session.officers.filter(state_id__in=states_of(user)).exists()


# Sessions, agendas, the organisation of work, approved participants, the bureau, the attendance lists
# and the speakers' list are public, as the UN publishes them.
rules.add_perm("meetings.view_sessions", rules.always_allow)
# Preparing a session (agenda, organisation of work, report skeleton, approvals) is the secretariat's.
rules.add_perm("meetings.manage_sessions", is_secretariat)
# A State's focal point registers its delegation; an observer's representative registers its own.
rules.add_perm("meetings.register_delegation", is_focal_point | is_observer)
# Applying or notifying for observer status is done by the organisation.
rules.add_perm("meetings.apply_as_observer", is_observer)
# Objections name the objecting State: the secretariat and the session's bureau only (rule 17(2)).
rules.add_perm("meetings.view_objections", is_secretariat | is_bureau_member)
# A State party objects through its focal point; the secretariat records objections received in writing.
rules.add_perm("meetings.object_to_observer", is_focal_point | is_secretariat)
# The bureau decides on observers' applications (rules 15-17), so it sees them all, as the secretariat.
rules.add_perm("meetings.view_applications", is_secretariat | is_bureau_member)
# The bureau examines credentials (rule 19); the secretariat keeps the record.
rules.add_perm("meetings.view_credentials", is_secretariat | is_bureau_member)
# Delegations of States inscribe speakers; the secretariat records requests received by e-mail.
rules.add_perm("meetings.inscribe_speaker", is_state_official | is_secretariat)
