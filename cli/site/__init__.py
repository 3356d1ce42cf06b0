"""The static documentation site that `tutor docs build OUT` writes.

Every page comes from the sources the terminal already teaches from: the
question pages (with their generated rule and kata lists), each rule's page
from `rules/rule_page.py` as `tutor explain` shows it, and each kata's
instructions. The site adds only HTML, cross-links and a search index, so it
cannot drift from what `tutor explain` says.
"""
