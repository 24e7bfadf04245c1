"""The embedded store: one DuckDB file with a versioned schema."""

from .db import Store

__all__ = ["Store"]
