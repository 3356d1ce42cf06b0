"""The `tutor` command line."""
