"""Package metadata in one place, so the version stamped on records has one source."""

__version__ = "0.1.0"
__title__ = "newsgraph"
