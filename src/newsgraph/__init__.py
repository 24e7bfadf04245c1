"""newsgraph: news articles to quotes, actors, events, places and dates, each with its span."""

from .about import __version__
from .errors import NewsgraphError
from .pipeline import Pipeline, extract
from .records import Document
from .registry import component
from .settings import Options, load_options

__all__ = ["__version__", "Document", "NewsgraphError", "Options", "Pipeline", "component", "extract", "load_options"]
