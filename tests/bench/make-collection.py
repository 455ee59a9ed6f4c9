#!/usr/bin/env python3
"""make-collection.py: a large, deterministic collection of synthetic news articles.

Writes COUNT articles of about SIZE bytes each in newsflow's plain-text format (what
parse "text" reads): line 1 the headline, an optional "By ..." byline, one paragraph per
non-blank line (the first often opening with a dateline such as "LYON (AFP) — "), and an
optional trailing "Related Sources:" block, inline ("a • b • c") or one "• item" a line.

The text is recombined from the sample articles in docs/examples/articles: sentences drawn
from a few donor articles, numbers rewritten, headlines spliced from two samples, bylines,
datelines and sources mixed, so no two articles are the same file.  Article I is made from
its own seeded generator, so the output depends only on (--seed, I, --size): a collection
of N/10 articles is exactly the first N/10 files of a collection of N.

Layout: OUT/000/a0000000.txt ... OUT/000/a0000999.txt, OUT/001/a0001000.txt, ... (1000
files a directory, so directory listings stay small; name order is generation order).

Prints one summary line: "COUNT articles, BYTES bytes in OUT".  Standard library only.
"""

import argparse
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SAMPLES = os.path.join(HERE, "..", "..", "docs", "examples", "articles")
PER_DIR = 1000

# Same shape as parse "text"'s dateline: capitals, optional ", place", optional (Agency), dash.
DATELINE = re.compile(
    r"^(\w[\w.'’ -]*?[A-Z.](?:,\s[^()—–\n]{1,40}?)?)(?:\s*\(([^)]{1,40})\))?\s*(?:—|–|--?)\s+")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]?\s+(?=[\"“«(]?[A-ZÀ-ÖØ-ÞĀ-Ž0-9])")
NUMBER = re.compile(r"\d+")
SOURCES = re.compile(r"^\s*related sources\s*:\s*", re.I)

FIRST_NAMES = [
    "Ana", "Ben", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas",
    "Kofi", "Lena", "Marta", "Nikhil", "Olga", "Pedro", "Qiu", "Rosa", "Sami", "Tomás",
    "Uma", "Viktor", "Wanjiru", "Xavier", "Yuki", "Zofia", "Amara", "Björn", "Chloé", "Diego",
]
LAST_NAMES = [
    "Abara", "Berg", "Castillo", "Duarte", "Eriksen", "Fontaine", "García", "Haddad",
    "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Pereira",
    "Quintero", "Rossi", "Schneider", "Takahashi", "Umarov", "Varga", "Weiß", "Yilmaz",
    "Zielińska", "Mensah", "O'Connell", "Ngata", "Sørensen", "Đorđević",
]
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "EFE", "ANSA", "Kyodo", "PA"]
CITIES = [
    "ACCRA", "BOGOTA", "DAKAR", "HELSINKI", "JAKARTA", "KRAKOW", "LIMA", "OSLO", "PORTO",
    "QUITO", "RIGA", "SEOUL", "TUNIS", "VALENCIA", "WARSAW", "ZAGREB", "NEW DELHI", "ST. LOUIS",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def read_samples(folder):
    """Pools of headlines, bylines, datelines, sentences (per sample) and source items."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
    if not names:
        sys.exit("make-collection.py: no *.txt sample articles in %s" % folder)
    pools = {"headlines": [], "bylines": [], "datelines": [], "donors": [], "sources": []}
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8-sig") as f:
            lines = [" ".join(line.split()) for line in f.read().splitlines()]
        lines = [line for line in lines if line]
        if len(lines) < 2:
            continue
        pools["headlines"].append(lines[0].split())
        body = lines[1:]
        if body[0].startswith("By "):
            pools["bylines"].append(body[0])
            body = body[1:]
        paragraphs = []
        for i, line in enumerate(body):
            heading = SOURCES.match(line)
            if heading:
                block = " • ".join([line[heading.end():]] + body[i + 1:])
                pools["sources"] += [s.strip(" •") for s in block.split("•") if s.strip(" •")]
                break
            paragraphs.append(line)
        if paragraphs:
            dateline = DATELINE.match(paragraphs[0])
            if dateline and dateline.end() < 80:
                pools["datelines"].append(paragraphs[0][:dateline.end()])
                paragraphs[0] = paragraphs[0][dateline.end():]
        sentences = []
        for paragraph in paragraphs:
            for sentence in SENTENCE_END.split(paragraph):
                sentence = sentence.strip()
                if len(sentence) > 20:
                    # Pre-split at numbers so that rewriting them costs one join.
                    sentences.append(NUMBER.split(sentence))
        if sentences:
            pools["donors"].append(sentences)
    if not pools["donors"]:
        sys.exit("make-collection.py: no usable text in the samples in %s" % folder)
    return pools


def make_article(pools, seed, index, size):
    rng = random.Random(seed * 1000003 + index)
    target = int(size * rng.uniform(0.85, 1.15))
    out = []

    a, b = rng.choice(pools["headlines"]), rng.choice(pools["headlines"])
    cut_a, cut_b = rng.randint(2, max(2, len(a) - 1)), rng.randint(1, max(1, len(b) - 2))
    headline = " ".join(a[:cut_a] + b[cut_b:])
    out.append(headline[0].upper() + headline[1:])

    roll = rng.random()
    if roll < 0.35 and pools["bylines"]:
        out.append(rng.choice(pools["bylines"]))
    elif roll < 0.6:
        authors = ["%s %s" % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
                   for _ in range(1 if rng.random() < 0.8 else 2)]
        out.append("By " + " and ".join(authors))
    out.append("")

    roll = rng.random()
    if roll < 0.45 and pools["datelines"]:
        dateline = rng.choice(pools["datelines"])
    elif roll < 0.7:
        dateline = "%s (%s) — " % (rng.choice(CITIES), rng.choice(AGENCIES))
    else:
        dateline = ""

    donors = [rng.choice(pools["donors"]) for _ in range(3)]
    has_sources = pools["sources"] and rng.random() < 0.4
    budget = target - sum(len(line) + 1 for line in out) - (150 if has_sources else 0)
    length, first = 0, True
    while length < budget:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            parts = rng.choice(rng.choice(donors))
            if len(parts) > 1:
                text = parts[0]
                for part in parts[1:]:
                    text += str(rng.randint(2, 999)) + part
            else:
                text = parts[0]
            sentences.append(text)
        paragraph = " ".join(sentences)
        if first:
            paragraph = dateline + paragraph
        elif rng.random() < 0.15:
            paragraph += " %s said on %s." % (
                rng.choice(FIRST_NAMES) + " " + rng.choice(LAST_NAMES), rng.choice(WEEKDAYS))
        added = len(paragraph.encode("utf-8")) + 2
        # Stop short rather than overshoot by more, so the sizes centre on the target.
        if not first and length + added - budget > budget - length:
            break
        first = False
        out.append(paragraph)
        out.append("")
        length += added

    if has_sources:
        items = rng.sample(pools["sources"], min(len(pools["sources"]), rng.randint(2, 4)))
        if rng.random() < 0.5:
            out.append("Related Sources:")
            out += ["• " + item for item in items]
        else:
            out.append("Related Sources: " + " • ".join(items))
    else:
        out.pop()  # the blank line after the last paragraph
    return ("\n".join(out) + "\n").encode("utf-8")


def main():
    parser = argparse.ArgumentParser(
        description="Generate a deterministic collection of synthetic plain-text news articles.")
    parser.add_argument("--count", type=int, default=100000, help="articles to write (default 100000)")
    parser.add_argument("--size", type=int, default=3000, help="approximate bytes an article (default 3000)")
    parser.add_argument("--out", required=True, metavar="DIR", help="directory to write into (made if missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--samples", default=DEFAULT_SAMPLES, metavar="DIR",
                        help="sample articles to recombine (default docs/examples/articles)")
    args = parser.parse_args()
    if args.count < 0 or args.size < 200:
        parser.error("--count must be 0 or more and --size at least 200")

    pools = read_samples(args.samples)
    # Wide enough that name order is generation order for any count.
    dir_format = "%%0%dd" % max(3, len(str(max(0, args.count - 1) // PER_DIR)))
    file_format = "a%%0%dd.txt" % max(7, len(str(max(0, args.count - 1))))
    total = 0
    directory = None
    for index in range(args.count):
        if index % PER_DIR == 0:
            directory = os.path.join(args.out, dir_format % (index // PER_DIR))
            os.makedirs(directory, exist_ok=True)
        data = make_article(pools, args.seed, index, args.size)
        fd = os.open(os.path.join(directory, file_format % index),
                     os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        total += len(data)
    print("%d articles, %d bytes in %s" % (args.count, total, args.out))


if __name__ == "__main__":
    main()
