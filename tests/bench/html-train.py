#!/usr/bin/env python3
"""html-train.py: fits parse "html"'s block model (plugins/parse/html/blocks.c) and writes it.

    tests/bench/html-train.py [--data DIR] [--speed PATH] [--out FILE] [--blocks TSV]

Trains ONLY on the development fold of ../shared/bench/html (page ids that are NOT multiples
of 3); the held-out fold is never read, not even dumped.  Steps:

1. html-speed --blocks (tests/bench/, built by make check) over the dev pages gives, for
   each block of the body parse "html" keeps, its features and its text (the model off).
2. A block's label: boilerplate when fewer than half of its word 4-gram shingles occur in the
   page's ground-truth text (a block of fewer than 4 words: when its words are not a run of
   the truth's); words are maximal runs of Unicode word characters, as the set's scorer counts.
3. Logistic regression (L2, standardised features, eight steps of Newton's method:
   deterministic), each block weighted by its share of its page's shingles so that a page
   counts once, as the scorer's per-page average does.  Pages more than 30% of whose body is
   not the truth's went wrong before the blocks (another container, or a truth that is part
   of the text) and are left out of the fit, not of the scoring.
4. The threshold: 5-fold cross-validation within dev (folds by page id): each page's blocks
   are scored by a model that did not see it, and the threshold (and the cap on the share of
   a body that may go) that gives the best F1 of the dev pages, computed as the scorer does,
   is kept, even when it is no better than no model (the line "best:" says by how much).
   Then the model is fitted on all dev pages and written with that threshold.

Prints the cross-validated dev figures for each threshold tried.  Standard library only.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import gzip
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r"\w+")
N = 4
L2 = 1e-3
NEWTON = 8
MAX_PAGE_BOILERPLATE = 0.3
FOLDS = 5


def shingle_counter(tokens):
    if not tokens:
        return Counter()
    if len(tokens) <= N:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + N]) for i in range(len(tokens) - N + 1))


def is_dev(page):
    return int(page) % 3 != 0


def dump_blocks(data, speed):
    """{page: [(features, text)]} for the dev pages, from html-speed --blocks."""
    truth = json.load(open(os.path.join(data, "ground-truth.json"), encoding="utf-8"))
    with tempfile.TemporaryDirectory() as work:
        paths = []
        for name in sorted(os.listdir(os.path.join(data, "html"))):
            page = name.split(".")[0]
            if not page.isdigit() or not is_dev(page) or page not in truth:
                continue
            src = os.path.join(data, "html", name)
            dst = os.path.join(work, page + ".html")
            opener = gzip.open if name.endswith(".gz") else open
            with opener(src, "rb") as fi, open(dst, "wb") as fo:
                fo.write(fi.read())
            paths.append(dst)
        out = subprocess.run([speed, "--blocks"] + paths, check=True, stdout=subprocess.PIPE).stdout
    return parse_blocks(out.decode("utf-8", "replace").splitlines()), truth


def parse_blocks(lines):
    pages = {}
    for line in lines:
        page, features, text = line.split("\t", 2)
        if not is_dev(page):
            continue  # a dump of held-out pages is not read
        values = [float(x) for x in features.split()]
        if len(values) != len(FEATURES):
            sys.exit(f"html-train.py: {len(values)} features in html-speed's dump, {len(FEATURES)} named here: "
                     "keep FEATURES in step with blocks.c")
        pages.setdefault(page, []).append((values, text))
    return pages


def label_blocks(blocks, gold):
    gold_tokens = WORD.findall(gold or "")
    gold_set = set(shingle_counter(gold_tokens))
    gold_line = " " + " ".join(gold_tokens) + " "
    labels, weights = [], []
    for _, text in blocks:
        tokens = WORD.findall(text)
        if len(tokens) >= N:
            grams = [tuple(tokens[i:i + N]) for i in range(len(tokens) - N + 1)]
            inside = sum(g in gold_set for g in grams)
            labels.append(1 if inside * 2 < len(grams) else 0)
            weights.append(len(grams))
        else:
            labels.append(0 if tokens and (" " + " ".join(tokens) + " ") in gold_line else 1)
            weights.append(1)
    total = sum(weights) or 1
    return labels, [w / total for w in weights]


def fit(rows):
    """rows: [(features, label, weight)] -> weights on the raw features (scaling folded in)."""
    k = len(rows[0][0])
    total = sum(w for _, _, w in rows)
    mean = [sum(f[j] * w for f, _, w in rows) / total for j in range(k)]
    sd = []
    for j in range(k):
        v = sum(w * (f[j] - mean[j]) ** 2 for f, _, w in rows) / total
        sd.append(math.sqrt(v) if v > 1e-12 else 0.0)
    scaled = [([(f[j] - mean[j]) / sd[j] if sd[j] else 0.0 for j in range(1, k)], y, w) for f, y, w in rows]
    m = k  # the intercept first, then the standardised features
    beta = [0.0] * m
    for _ in range(NEWTON):
        g = [0.0] * m
        h = [[0.0] * m for _ in range(m)]
        for x, y, w in scaled:
            x = [1.0] + x
            z = sum(bj * xj for bj, xj in zip(beta, x))
            p = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
            e = (p - y) * w
            c = p * (1 - p) * w
            for i in range(m):
                g[i] += e * x[i]
                if x[i]:
                    ci = c * x[i]
                    hi = h[i]
                    for j in range(i, m):
                        hi[j] += ci * x[j]
        for i in range(m):
            for j in range(i):
                h[i][j] = h[j][i]
            g[i] = g[i] / total + (L2 * beta[i] if i else 0.0)
            for j in range(m):
                h[i][j] /= total
            h[i][i] += L2 if i else 1e-9
        step = solve(h, g)
        beta = [b - s for b, s in zip(beta, step)]
    b0, beta = beta[0], beta[1:]
    # Back to the raw features: z = b0 + sum beta_j (f_j - mean_j) / sd_j.
    raw = [0.0] * k
    raw[0] = b0
    for j in range(1, k):
        if sd[j]:
            raw[j] = beta[j - 1] / sd[j]
            raw[0] -= beta[j - 1] * mean[j] / sd[j]
    return raw


def solve(a, b):
    """a x = b by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    a = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[pivot] = a[pivot], a[c]
        for r in range(c + 1, n):
            f = a[r][c] / a[c][c]
            if f:
                for j in range(c, n + 1):
                    a[r][j] -= f * a[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][j] * x[j] for j in range(r + 1, n))) / a[r][r]
    return x


def chance(weights, f):
    z = sum(w * x for w, x in zip(weights, f))
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def page_pr(gold, text):
    t, p = shingle_counter(WORD.findall(gold or "")), shingle_counter(WORD.findall(text))
    tp = sum((t & p).values())
    prec = tp / sum(p.values()) if p else None
    rec = tp / sum(t.values()) if t else None
    return prec, rec


def kept_text(blocks, probs, threshold, max_share):
    drop = [pr >= threshold for pr in probs]
    total = sum(len(t) for _, t in blocks)
    dropped = sum(len(t) for (_, t), d in zip(blocks, drop) if d)
    if dropped == 0 or dropped > total * max_share:
        drop = [False] * len(blocks)
    return "\n".join(t for (_, t), d in zip(blocks, drop) if not d)


def score(pages, truth, probs, threshold, max_share):
    ps, rs = [], []
    for page in sorted(pages):
        prec, rec = page_pr(truth[page].get("articleBody"), kept_text(pages[page], probs[page], threshold, max_share))
        if prec is not None:
            ps.append(prec)
        if rec is not None:
            rs.append(rec)
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "bench", "html"))
    ap.add_argument("--speed", default="tests/bench/html-speed", help="html-speed from a build tree")
    ap.add_argument("--blocks", help="read html-speed --blocks output from this file instead")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "etc", "newsflow", "models", "html-blocks.model"))
    args = ap.parse_args()
    if args.blocks:
        truth = json.load(open(os.path.join(args.data, "ground-truth.json"), encoding="utf-8"))
        pages = parse_blocks(open(args.blocks, encoding="utf-8").read().splitlines())
    else:
        pages, truth = dump_blocks(args.data, args.speed)
    pages = {p: b for p, b in pages.items() if p in truth and b}
    rows = {}
    for page, blocks in pages.items():
        labels, weights = label_blocks(blocks, truth[page].get("articleBody"))
        # A page most of whose body is not the truth's went wrong before the blocks (another
        # container, or a truth that is a part of the text): its blocks teach noise.
        if sum(w for w, y in zip(weights, labels) if y) > MAX_PAGE_BOILERPLATE:
            continue
        rows[page] = [(f, y, w) for (f, _), y, w in zip(blocks, labels, weights)]
    n_blocks = sum(len(r) for r in rows.values())
    n_boiler = sum(y for r in rows.values() for _, y, _ in r)
    print(f"dev pages {len(rows)}, blocks {n_blocks}, boilerplate {n_boiler}", file=sys.stderr)

    probs = {}
    for fold in range(FOLDS):
        train = [row for page in sorted(rows) if int(page) % FOLDS != fold for row in rows[page]]
        weights = fit(train)
        for page in pages:
            if int(page) % FOLDS == fold:
                probs[page] = [chance(weights, f) for f, _ in pages[page]]
    base = score(pages, truth, {p: [0.0] * len(b) for p, b in pages.items()}, 2.0, 1.0)
    print(f"dev (cross-validated), no model: F1 {base[0]:.4f} P {base[1]:.4f} R {base[2]:.4f}")
    best = None
    for max_share in (0.2, 0.5):
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
            f1, p, r = score(pages, truth, probs, threshold, max_share)
            print(f"dev (cross-validated), threshold {threshold:.2f} max-share {max_share:.2f}: "
                  f"F1 {f1:.4f} P {p:.4f} R {r:.4f}")
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, threshold, max_share)
    print(f"best: F1 {best[0] - base[0]:+.4f} against no model (cross-validated dev)")
    weights = fit([row for page in sorted(rows) for row in rows[page]])
    names = FEATURES
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# html-blocks.model: parse \"html\"'s block model (block-model; plugins/parse/html/blocks.c),\n"
                  "# a logistic regression: a block's chance of being boilerplate is 1 / (1 + exp (-sum of\n"
                  "# weight x feature)).  Made by tests/bench/html-train.py from the development fold (ids not\n"
                  "# multiples of 3) of ../shared/bench/html (WCXB, Murrough Foley 2026, CC BY 4.0; see\n"
                  "# ATTRIBUTION); weights only, none of the texts.\n")
        out.write(f"threshold {best[1]:.2f}\nmax-share {best[2]:.2f}\n")
        for name, w in zip(names, weights):
            out.write(f"{name} {w:.6g}\n")
    print(f"chosen: threshold {best[1]:.2f} max-share {best[2]:.2f} (cross-validated dev F1 {best[0]:.4f}); "
          f"wrote {args.out}")


FEATURES = [
    "bias", "log_words", "few_words", "link_density", "sentence", "ends_stop", "ends_colon",
    "punct_ratio", "digit_ratio", "caps_ratio", "separators", "heading", "tag_p", "tag_li",
    "tag_cell", "tag_quote", "first", "last", "position", "text_before", "text_after",
    "depth_off", "other_root", "hint_junk", "hint_unlikely", "hint_positive", "hint_body",
    "hidden", "announced", "prev_sentence", "next_sentence", "prev_links", "next_links",
    "label_run", "code", "outside_main", "island", "head_short", "tail_short", "tail_label",
    "upper_ratio", "number_ratio", "money", "ends_question", "word_length",
]

if __name__ == "__main__":
    main()
