"""Reading articles from files: plain text, HTML, JSON Lines and CSV (gzip too), or directories of them."""

from .readers import read_paths

__all__ = ["read_paths"]
