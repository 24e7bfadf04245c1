"""spaCy loading, shared by every process that runs the pipeline."""

from .load import load_spacy, model_version

__all__ = ["load_spacy", "model_version"]
