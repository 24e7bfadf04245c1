"""Every error newsgraph reports, with a stable code, in one place (as spaCy does).

Codes appear on stderr and in the store's `errors` table, so users can grep and count them.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "E001": "empty document: no text after reading",
    "E002": "binary file: {detail}",
    "E003": "invalid UTF-8 at byte {position}",
    "E004": "document too long: {length} characters (limit nlp.max_chars = {limit})",
    "E005": "file too big: {size} bytes (limit ingest.max_bytes = {limit})",
    "E006": "malformed JSON: {detail}",
    "E007": "record has no text field",
    "E008": "malformed CSV: {detail}",
    "E009": "HTML page has no extractable main text",
    "E010": "unsupported file type: {suffix}",
    "E011": "cannot read file: {detail}",
    "E012": "invalid date {value!r}: expected YYYY-MM-DD",
    "E013": "pipeline failed on this document: {detail}",
    "E014": "unknown pipeline component {name!r}; registered: {known}",
    "E015": "invalid setting {key!r}: {detail}",
    "E016": "store schema version {found} is newer than this newsgraph ({expected})",
    "E017": "path not found: {path}",
    "E018": "unknown format {fmt!r}; choose one of {choices}",
    "E019": "a worker process died while processing this document: {detail}",
    "E020": "output directory {path} is being written by another run (its _lock is held)",
    "E021": "invalid Unicode in {field}: lone surrogate at character {position}",
    "E022": "invalid actor knowledge-base file {file}: {detail}",
    "E023": "processing took longer than {seconds} s (distributed.seconds_per_document): stopped",
    "E024": "sentence encoder unavailable ({detail}): the story classifier runs without its MiniLM member",
}


class NewsgraphError(Exception):
    """An error with a code from MESSAGES; str() gives "[E00n] message"."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        self.reason = MESSAGES[code].format(**fields)
        super().__init__(f"[{code}] {self.reason}")
