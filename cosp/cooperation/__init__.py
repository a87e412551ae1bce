"""Requests between central authorities (mutual legal assistance, extradition, asset recovery):
strictly confidential to the two States' authorities; the secretariat sees anonymous statistics only."""
