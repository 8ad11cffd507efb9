"""Screens of the bounce TUI: the main screen, review, progress and the modal forms."""
