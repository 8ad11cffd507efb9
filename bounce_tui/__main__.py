"""`python -m bounce_tui` runs the same command line as `bounce`."""

from bounce_tui.cli import main

if __name__ == "__main__":
    main()
