"""The main screen's panes: mood strip, mourning timers, lessons log and regroup checklist."""
