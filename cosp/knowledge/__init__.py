"""The repository of voluntary contributions: what States parties and other stakeholders submit on
implementing the Convention and the 2021 political declaration, moderated, tagged and published."""
