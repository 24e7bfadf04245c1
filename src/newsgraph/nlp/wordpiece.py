"""BERT's uncased WordPiece tokenizer, in plain Python, for the MiniLM sentence encoder.

It reproduces the Hugging Face tokenizer of all-MiniLM-L6-v2 (BertNormalizer with lower-casing
and accent stripping, BertPreTokenizer, greedy longest-match WordPiece, [CLS] ... [SEP]), so the
encoder needs neither `tokenizers` nor `transformers`. The vocabulary (data/minilm_vocab.txt,
30,522 pieces) is the bert-base-uncased one that all-MiniLM-L6-v2 ships, Apache-2.0.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

VOCAB_FILE = Path(__file__).with_name("data") / "minilm_vocab.txt"
MAX_CHARS_PER_WORD = 100


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalize(text: str) -> str:
    """Clean control characters, space out CJK ideographs, lower-case and strip accents."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat in ("Cc", "Cf", "Cn", "Co", "Cs"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    text = unicodedata.normalize("NFD", "".join(out))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()


def pre_tokenize(text: str) -> list[str]:
    """Split on white space and around every punctuation character."""
    words: list[str] = []
    for chunk in text.split():
        start = 0
        for i, ch in enumerate(chunk):
            if _is_punct(ch):
                if i > start:
                    words.append(chunk[start:i])
                words.append(ch)
                start = i + 1
        if start < len(chunk):
            words.append(chunk[start:])
    return words


class WordPiece:
    def __init__(self, vocab_file: Path = VOCAB_FILE):
        pieces = vocab_file.read_text(encoding="utf-8").split("\n")
        self.vocab = {p: i for i, p in enumerate(pieces) if p}
        self.unk, self.cls, self.sep = self.vocab["[UNK]"], self.vocab["[CLS]"], self.vocab["[SEP]"]

    @lru_cache(maxsize=65536)
    def word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_CHARS_PER_WORD:
            return (self.unk,)
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    ids.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return (self.unk,)
            start = end
        return tuple(ids)

    def encode(self, text: str, max_length: int = 128) -> list[int]:
        """[CLS] pieces [SEP], the pieces cut to fit max_length."""
        ids: list[int] = []
        for word in pre_tokenize(normalize(text)):
            ids.extend(self.word_ids(word))
            if len(ids) >= max_length - 2:
                break
        return [self.cls, *ids[: max_length - 2], self.sep]


@lru_cache(maxsize=1)
def load_wordpiece() -> WordPiece:
    return WordPiece()
