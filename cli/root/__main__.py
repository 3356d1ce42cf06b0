"""`python -m pitfall_tutor` is the `tutor` command."""

from pitfall_tutor.cli.entry import main

if __name__ == "__main__":  # not when a worker process imports it (spawn)
    main()
