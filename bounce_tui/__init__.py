"""bounce: a terminal companion for bouncing back after a job rejection."""

__version__ = "0.1.0"
