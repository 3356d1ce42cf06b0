"""`python -m pitfall_tutor` is the `tutor` command."""

from pitfall_tutor.cli.entry import main

main()
