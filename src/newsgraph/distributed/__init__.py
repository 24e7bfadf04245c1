"""Distributed ingestion on Dask: many machines, one Parquet dataset, each document exactly once.

    from newsgraph.distributed import ingest, load
    summary = ingest(["corpus/"], "out/", workers=4)        # or scheduler="tcp://host:8786"
    load("out/", "newsgraph.duckdb")                           # merge into a store, idempotently

See docs/scaling.md for the design and the measured figures.
"""

from .dataset import Dataset, committed_files, read_manifest
from .engine import RunSummary, count_documents, ingest
from .load import DatasetStore, load, open_store

__all__ = ["Dataset", "DatasetStore", "RunSummary", "committed_files", "count_documents", "ingest", "load",
           "open_store", "read_manifest"]
