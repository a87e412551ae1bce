"""Technical assistance: needs (from the reviews' findings and States' own entries), offers from providers,
and the matching of the two by article, type of assistance and region."""
