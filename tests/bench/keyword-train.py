#!/usr/bin/env python3
"""keyword-train.py: trains extract "keywords"' learned ranker (ranker = "model") and writes
etc/newsflow/models/keywords-en.model.

  tests/bench/keyword-train.py [--binary PATH] [--data DIR] [--output FILE] [--l2 X]
                               [--no-refine] [--evaluate FOLDS] [--unit words]

Runs newsflow over both sets of ../shared/bench/keywords (DUC-2001 and 500N-KPCrowd) with
`ranker = "model" features = true`, which lists every candidate of an article (noun phrases
and the single nouns and names inside them) with its features (plugins/extract/keywords/
ranker.h).  A candidate is a positive when its printed form, lower-cased and Porter-stemmed
as score.py does, is one of the article's reader-assigned key phrases.  Trains one logistic
regression on fold A of both sets together (the articles at even positions in name order, as
keyword-quality.sh folds them; the model is never told which set an article is from), each
article weighing the same and its positives together half as much as all its candidates, by
Newton's method with an L2 penalty on standardised features; then refines the weights by
coordinate ascent on the mean F1@10 of those articles (refine(); --no-refine skips it).  No
randomness, so the same data give the same file byte for byte.  Fold B is held out.

--unit words trains the model of unit = "words" instead (etc/newsflow/models/
keywords-en-words.model): the candidates are then the single nouns, names and adjectives of the
text, every use of each, and no phrases; the rest is the same.

--evaluate A (or A,B) prints the F1@10 that the trained model reaches on those folds, choosing
as the extractor does (the best first, a part of a chosen phrase skipped), before writing.
"""
import argparse, json, math, os, re, subprocess, sys, tempfile

try:
    from nltk.stem import PorterStemmer
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")
    from nltk.stem import PorterStemmer

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(HERE))
SETS = ("duc2001", "500n")
NAMES = ("bias words_2 words_3 name some_name adjective number alone within first first_share "
         "spread headline headline_only rarity rarity_min weight rules time part_of_name short head modifier "
         "tf_max").split()

_ps, _cache = PorterStemmer(), {}


def norm(s):
    out = []
    for w in re.findall(r"[a-z0-9]+", s.lower().replace("\u2019", "'")):
        if w not in _cache:
            _cache[w] = _ps.stem(w)
        out.append(_cache[w])
    return " ".join(out)


CHAIN = """fetch "files" { }
parse "text" { }
extract "language" { }
extract "keywords" { ranker = "model" features = true unit = "%s" }
format "json" { output = "-" fields = { "source", "keywords" } }
"""


def candidates(binary, data, name, unit="phrases"):
    """{article id: [(phrase, key, features)]} for one set, in the extractor's order."""
    with tempfile.NamedTemporaryFile("w", suffix=".chain") as chain:
        chain.write(CHAIN % unit)
        chain.flush()
        out = subprocess.run([binary, "-q", "-j", "1", "-c", chain.name, os.path.join(data, name, "articles")],
                             check=True, capture_output=True, text=True).stdout
    result = {}
    for line in out.splitlines():
        j = json.loads(line)
        aid = os.path.basename(j["source"])[:-4]
        result[aid] = [(k["phrase"], k["key"], k["features"]) for k in j.get("keywords") or []]
    return result


def folds(data, name):
    ids = sorted(f[:-4] for f in os.listdir(os.path.join(data, name, "articles")) if f.endswith(".txt"))
    return {"A": ids[0::2], "B": ids[1::2]}


def gold(data, name):
    g = {}
    for line in open(os.path.join(data, name, "gold.jsonl"), encoding="utf-8"):
        j = json.loads(line)
        g[j["id"]] = {norm(x) for x in j["keyphrases"]} - {""}
    return g


def solve(a, b):
    """Solves a x = b (a symmetric positive definite) by Gaussian elimination."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for c in reversed(range(n)):
        x[c] = (m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))) / m[c][c]
    return x


def train(rows, l2, iterations=25):
    """rows: (features, label, weight).  Logistic regression by Newton's method on features
    standardised over the rows; returns the weights on the raw features and the features'
    standard deviations."""
    k = len(rows[0][0])
    total = sum(w for _, _, w in rows)
    mean = [sum(x[f] * w for x, _, w in rows) / total for f in range(k)]
    sd = [math.sqrt(sum((x[f] - mean[f]) ** 2 * w for x, _, w in rows) / total) or 1.0 for f in range(k)]
    mean[0], sd[0] = 0.0, 1.0  # the bias stays 1
    z = [([(x[f] - mean[f]) / sd[f] for f in range(k)], y, w) for x, y, w in rows]
    beta = [0.0] * k
    for _ in range(iterations):
        grad = [-l2 * beta[f] if f else 0.0 for f in range(k)]
        hess = [[(l2 if (f == g and f) else 0.0) for g in range(k)] for f in range(k)]
        for x, y, w in z:
            s = sum(b * v for b, v in zip(beta, x))
            p = 1 / (1 + math.exp(-s)) if s > -30 else 0.0
            r, h = w * (y - p), w * p * (1 - p)
            for f in range(k):
                if x[f]:
                    grad[f] += r * x[f]
                    hf = h * x[f]
                    row = hess[f]
                    for g in range(f + 1):
                        row[g] += hf * x[g]
        for f in range(k):
            for g in range(f):
                hess[g][f] = hess[f][g]
        step = solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    raw = [beta[f] / sd[f] for f in range(k)]
    raw[0] = beta[0] - sum(beta[f] * mean[f] / sd[f] for f in range(1, k))
    return raw, sd


def choose(cands, weights, top=10):
    """The extractor's choice: best first, a part of a chosen longer phrase skipped."""
    scored = sorted(range(len(cands)), key=lambda i: (-sum(w * v for w, v in zip(weights, cands[i][2])), i))
    chosen = []
    for i in scored:
        key = " " + cands[i][1] + " "
        if any(len(c[1].split()) > len(cands[i][1].split()) and key in " " + c[1] + " " for c in chosen):
            continue
        chosen.append(cands[i])
        if len(chosen) == top:
            break
    return [c[0] for c in chosen]


def prepare(cands, g):
    """An article as refine() reads it: features, stemmed forms, and for each candidate the
    longer candidates that contain it (choose()'s rule), with the reader's phrases."""
    keys = [" " + k + " " for _, k, _ in cands]
    lengths = [len(k.split()) for _, k, _ in cands]
    blockers = [[j for j in range(len(cands)) if lengths[j] > lengths[i] and keys[i] in keys[j]]
                for i in range(len(cands))]
    return [x for _, _, x in cands], [norm(p) for p, _, _ in cands], blockers, g


def mean_f1(weights, articles, top=10):
    """Mean F1@10 over the articles, choosing as choose() does."""
    total = 0.0
    for xs, norms, blockers, g in articles:
        scores = [sum(w * v for w, v in zip(weights, x)) for x in xs]
        chosen, picked, seen = set(), [], set()
        for i in sorted(range(len(xs)), key=lambda i: (-scores[i], i)):
            if any(j in chosen for j in blockers[i]):
                continue
            chosen.add(i)
            if norms[i] and norms[i] not in seen:
                seen.add(norms[i])
                picked.append(norms[i])
            if len(chosen) == top:
                break
        hits = len(set(picked) & g)
        total += 2 * hits / (top + len(g)) if hits else 0.0
    return total / max(len(articles), 1)


def refine(weights, sd, articles, rounds=2):
    """Coordinate ascent on the mean F1@10 itself (Metzler and Croft's learning to rank):
    each weight in turn tries steps of 0.5, 0.2, 0.1 standard deviations of its feature each
    way and keeps the first that raises the mean over all training articles, whichever set
    they come from.  Fixed order and steps: deterministic."""
    best = mean_f1(weights, articles)
    for _ in range(rounds):
        for f in range(1, len(weights)):
            for step in (0.5, -0.5, 0.2, -0.2, 0.1, -0.1):
                trial = list(weights)
                trial[f] += step / sd[f]
                score = mean_f1(trial, articles)
                if score > best + 1e-9:
                    weights, best = trial, score
                    break
    return weights


def f1_at_10(picked, g):
    seen, p = set(), []
    for x in map(norm, picked):
        if x and x not in seen:
            seen.add(x)
            p.append(x)
    hits = len(set(p[:10]) & g)
    if not hits:
        return 0.0
    P, R = hits / 10, hits / len(g)
    return 2 * P * R / (P + R)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=None)
    ap.add_argument("--data", default=None)
    ap.add_argument("--output", default=None, help="default: etc/newsflow/models/keywords-en.model, "
                    "or keywords-en-words.model with --unit words")
    ap.add_argument("--unit", choices=("phrases", "words"), default="phrases")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--no-refine", action="store_true", help="the logistic regression alone")
    ap.add_argument("--evaluate", default="", help="folds to print F1@10 for: A, B or A,B")
    a = ap.parse_args()
    data = a.data or next((d for d in ("/work/shared/bench/keywords", os.path.join(SRCDIR, "../shared/bench/keywords"))
                           if os.path.isfile(os.path.join(d, "score.py"))), None)
    binary = a.binary or next((b for b in (os.path.join(SRCDIR, "build/newsflow"), os.path.join(SRCDIR, "newsflow"))
                               if os.access(b, os.X_OK)), None)
    if not data or not binary:
        sys.exit("keyword-train.py: needs ../shared/bench/keywords and a built newsflow (--data, --binary)")

    output = a.output or os.path.join(SRCDIR, "etc/newsflow/models",
                                      "keywords-en-words.model" if a.unit == "words" else "keywords-en.model")
    sets = {name: (candidates(binary, data, name, a.unit), folds(data, name), gold(data, name)) for name in SETS}
    rows = []
    for name, (cands, fold, g) in sets.items():
        for aid in fold["A"]:
            cs = cands.get(aid, [])
            if not cs or not g.get(aid):
                continue
            labels = [1.0 if norm(phrase) in g[aid] else 0.0 for phrase, _, _ in cs]
            positives = sum(labels)
            for (_, _, x), y in zip(cs, labels):
                # Each article's positives weigh half as much together as all its candidates:
                # an article with 48 reader phrases (500N) and one with 8 (DUC) teach alike.
                # (1/2 rather than 1: DUC 0.302 / 500N 0.153 on fold A rather than 0.297 /
                # 0.155; 2 gives 0.290 / 0.158.)
                rows.append((x, y, 0.5 / positives if y else 1.0 / len(cs)))
    weights, sd = train(rows, a.l2)
    if not a.no_refine:
        articles = [prepare(cands[aid], g[aid]) for cands, fold, g in sets.values()
                    for aid in fold["A"] if cands.get(aid) and g.get(aid)]
        weights = refine(weights, sd, articles)

    for fold_name in filter(None, a.evaluate.split(",")):
        for name, (cands, fold, g) in sets.items():
            ids = [i for i in fold[fold_name] if g.get(i)]
            score = sum(f1_at_10(choose(cands.get(i, []), weights), g[i]) for i in ids) / max(len(ids), 1)
            print(f"{name:8} fold {fold_name}: F1@10 {score:.3f} ({len(ids)} articles)", file=sys.stderr)

    with open(output, "w", encoding="utf-8") as out:
        out.write(f"# {os.path.basename(output)}: extract \"keywords\"' learned ranker (ranker = \"model\""
                  + (', unit = \"words\"' if a.unit == "words" else "") + "), a logistic\n"
                  "# regression: a candidate's score is the sum of weight x feature (ranker.h).  Trained by\n"
                  "# tests/bench/keyword-train.py (docs/training.md) on fold A of DUC-2001 and\n"
                  "# 500N-KPCrowd together (../shared/bench/keywords); weights only, none of the texts.\n")
        for name, w in zip(NAMES, weights):
            out.write(f"{name} {w:.9g}\n")


if __name__ == "__main__":
    main()
