"""A plain-text corpus of long documents for the bounded-memory run of the feature store (issue 11): the text of this
machine's Python standard library, one document per .py file of at least 2,000 characters, whitespace collapsed to
single spaces and cut at 20,000 characters, in sorted path order, until CHARS characters are written. GPT-2's
tokenizer makes about one token of every 3 characters of it, so 5,000,000 characters give well over 1,000,000 tokens,
all in full-length contexts (the worst case for a store's size). Not committed: made where it is used.

  python3 bench/lm/stdlib_corpus.py OUT.txt [CHARS] [ROOT]     (ROOT: /usr/lib/python3.11 by default)
"""
import os
import re
import sys


def main():
    out = sys.argv[1]
    chars = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    root = sys.argv[3] if len(sys.argv) > 3 else "/usr/lib/python3.11"
    if not os.path.isdir(root):
        sys.exit(f"no Python standard library at {root}")
    total = 0
    with open(out, "w", encoding="utf-8") as f:
        for d, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                try:
                    with open(os.path.join(d, name), encoding="utf-8") as src:
                        text = re.sub(r"\s+", " ", src.read()).strip()[:20000]
                except (UnicodeDecodeError, OSError):
                    continue
                if len(text) < 2000:
                    continue
                f.write(text + "\n")
                total += len(text)
                if total >= chars:
                    return
    sys.exit(f"only {total} characters under {root}")


if __name__ == "__main__":
    main()
