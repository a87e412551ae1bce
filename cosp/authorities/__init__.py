"""Competent national authorities and the notifications States parties make under the Convention
(RULES.md section 2), with their history, the directory, and what each State has not yet notified."""
