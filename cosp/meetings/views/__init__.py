"""The meetings pages, one module per part of a session: sessions (list, page, timetable, exports),
participation (registration, approvals, participants, attendance lists), observers, credentials,
bureau and the speakers' list."""
