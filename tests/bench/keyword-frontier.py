#!/usr/bin/env python3
"""keyword-frontier.py: why one ranking of extract "keywords"' candidates cannot reach issue 20's
goals on both reader-annotated sets at once, measured on fold A only.

  tests/bench/keyword-frontier.py [--binary PATH] [--data DIR] [--model FILE]

Lists every candidate of both sets of ../shared/bench/keywords with its features (as
keyword-train.py does; the candidates do not depend on the weights), then prints, on fold A
(the development fold: the articles at even positions in name order) and never on fold B:

1. the F1@10 of the logistic regression of keyword-train.py (no refinement) trained on fold A
   of both sets, of DUC-2001 alone and of 500N-KPCrowd alone, each scored on fold A of both
   sets: in-sample, and by two-fold cross-validation inside fold A (train on one half of
   fold A, score on the other, both ways);
2. for the shipped model (--model), the share of reader phrases among the candidates of each
   shape (single word, two words, three or more; a name, some name, common words) and
   among those it puts in its top 10, per set;
3. per article, whether the shipped model or the regression trained on 500N alone scores the
   higher F1@10, and the mean F1@10 of an oracle that took the better of the two for each
   article: the ceiling of any decision, made per article from its text, between a ranking
   for phrases and one for words;
4. for the two-word names in the shipped model's top 10 ("Penelope Cruz"), how often the
   readers picked the whole name, its last word alone, its first word alone.

What a hit is worth: F1@10 = 2 x hits / (10 + reader phrases), so a hit adds 2 / 18 = 0.111 on
a DUC-2001 article (8 reader phrases) and 2 / 58 = 0.034 on a 500N one (48).
"""
import argparse, collections, importlib.util, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("keyword_train", os.path.join(HERE, "keyword-train.py"))
kt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kt)


def load_model(path):
    weights = [0.0] * len(kt.NAMES)
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            name, value = line.split()
            weights[kt.NAMES.index(name)] = float(value)
    return weights


def regression(sets, ids):
    """keyword-train.py's logistic regression on the articles @ids ({set: [id]})."""
    rows = []
    for name, (cands, _, g) in sets.items():
        for aid in ids.get(name, []):
            cs = cands.get(aid, [])
            if not cs or not g.get(aid):
                continue
            labels = [1.0 if kt.norm(p) in g[aid] else 0.0 for p, _, _ in cs]
            positives = sum(labels)
            if not positives:
                continue
            for (_, _, x), y in zip(cs, labels):
                rows.append((x, y, 0.5 / positives if y else 1.0 / len(cs)))
    return kt.train(rows, 1.0)[0]


def f1(sets, weights, name, ids):
    cands, _, g = sets[name]
    ids = [i for i in ids if g.get(i)]
    return sum(kt.f1_at_10(kt.choose(cands.get(i, []), weights), g[i]) for i in ids) / max(len(ids), 1)


def shape(key, x):
    n = len(key.split())
    size = "1 word" if n == 1 else "2 words" if n == 2 else "3+ words"
    kind = "name" if x[kt.NAMES.index("name")] else "some name" if x[kt.NAMES.index("some_name")] else "common"
    return f"{size:8} {kind}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=None)
    ap.add_argument("--data", default=None)
    ap.add_argument("--model", default=os.path.join(kt.SRCDIR, "etc/newsflow/models/keywords-en.model"))
    a = ap.parse_args()
    data = a.data or next((d for d in ("/work/shared/bench/keywords", os.path.join(kt.SRCDIR, "../shared/bench/keywords"))
                           if os.path.isfile(os.path.join(d, "score.py"))), None)
    binary = a.binary or next((b for b in (os.path.join(kt.SRCDIR, "build/newsflow"), os.path.join(kt.SRCDIR, "newsflow"))
                               if os.access(b, os.X_OK)), None)
    if not data or not binary:
        sys.exit("keyword-frontier.py: needs ../shared/bench/keywords and a built newsflow (--data, --binary)")
    sets = {name: (kt.candidates(binary, data, name), kt.folds(data, name), kt.gold(data, name)) for name in kt.SETS}
    fold_a = {name: fold["A"] for name, (_, fold, _) in sets.items()}  # fold B is never read
    halves = {name: (ids[0::2], ids[1::2]) for name, ids in fold_a.items()}

    print("1. F1@10 on fold A of a regression trained on fold A of ... (in-sample | 2-fold CV inside A)")
    for label, trained in (("both sets", kt.SETS), ("DUC-2001 alone", ("duc2001",)), ("500N alone", ("500n",))):
        w = regression(sets, {n: fold_a[n] for n in trained})
        cv = {n: 0.0 for n in kt.SETS}
        for k in (0, 1):
            wk = regression(sets, {n: halves[n][k] for n in trained})
            for n in kt.SETS:
                cv[n] += f1(sets, wk, n, halves[n][1 - k]) / 2
        print(f"   {label:15} " + "   ".join(f"{n} {f1(sets, w, n, fold_a[n]):.3f} | {cv[n]:.3f}" for n in kt.SETS))

    shipped = load_model(a.model)
    print(f"\n2. reader phrases among the candidates, and in the top 10 of {os.path.basename(a.model)} (fold A)")
    for name, (cands, _, g) in sets.items():
        counts = collections.defaultdict(lambda: [0, 0, 0, 0])
        for aid in fold_a[name]:
            cs = cands.get(aid, [])
            top = set(kt.choose(cs, shipped))
            for phrase, key, x in cs:
                hit = kt.norm(phrase) in g.get(aid, set())
                c = counts[shape(key, x)]
                c[0] += 1
                c[1] += hit
                if phrase in top:
                    c[2] += 1
                    c[3] += hit
        print(f"   {name}: shape, candidates, share that readers picked; in the top 10, share picked")
        for s in sorted(counts):
            c = counts[s]
            print(f"     {s:18} {c[0]:6} {c[1] / c[0]:.3f}   {c[2]:5} {c[3] / max(c[2], 1):.2f}")

    words = regression(sets, {"500n": fold_a["500n"]})
    print("\n3. per article (fold A): shipped model vs the regression trained on 500N alone")
    for name, (cands, _, g) in sets.items():
        ids = [i for i in fold_a[name] if g.get(i)]
        first = [kt.f1_at_10(kt.choose(cands.get(i, []), shipped), g[i]) for i in ids]
        second = [kt.f1_at_10(kt.choose(cands.get(i, []), words), g[i]) for i in ids]
        better = sum(b > s for s, b in zip(first, second))
        print(f"   {name:8} shipped {sum(first) / len(ids):.3f}, 500N regression {sum(second) / len(ids):.3f}, "
              f"better of the two per article {sum(map(max, first, second)) / len(ids):.3f}; "
              f"the 500N regression wins on {better} of {len(ids)} articles")

    print("\n4. two-word names in the shipped model's top 10 (fold A): readers picked the whole name, the last word, the first word")
    name_feature = kt.NAMES.index("name")
    for name, (cands, _, g) in sets.items():
        counts = [0, 0, 0, 0]
        for aid in fold_a[name]:
            cs = cands.get(aid, [])
            features = {p: x for p, _, x in cs}
            for phrase in kt.choose(cs, shipped):
                words = phrase.split()
                if features[phrase][name_feature] and len(words) == 2:
                    counts[0] += 1
                    counts[1] += kt.norm(phrase) in g[aid]
                    counts[2] += kt.norm(words[1]) in g[aid]
                    counts[3] += kt.norm(words[0]) in g[aid]
        print(f"   {name:8} {counts[0]} names: whole {counts[1]}, last word {counts[2]}, first word {counts[3]}")


if __name__ == "__main__":
    main()
