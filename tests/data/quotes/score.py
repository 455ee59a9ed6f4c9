#!/usr/bin/env python3
"""Scores the "quotes" field of newsflow JSON Lines against a fold of these fixtures.

  score.py FOLD_DIR OUTPUT.jsonl [--show] [--min-f1 F] [--min-speaker S]
  score.py FOLD_DIR OUTPUT.jsonl --entities [--show] [--min-f1 F]

FOLD_DIR holds <id>.txt articles and gold.jsonl: one {"id", "quotes": [{"text", "speaker",
"speaker_alt"?, "ambiguous"?}], "not_quotes": [{"text"}]} per article.  The metric is the one
of the project's news benchmark: quotes are compared by their words (a gold quote is found
when one predicted quote holds 80% of its words; a prediction is correct when 80% of its words
lie in the article's gold quotes); a found quote's speaker is right when it is the full name
(case-folded, without a leading "the" and a trailing possessive).  Ambiguous gold quotes
count neither way.  --show prints every miss (use it on the development fold only).  Exits 1
when F1 or the speaker share is below the given minimum.

--entities scores the "entity" annotations instead, against FOLD_DIR/entities.jsonl: one
{"id", "entities": [{"name", "type": "person"|"place"|"organization", "mentions": [...]}]} per
article, one entry per referent.  The metric is the entity metric of the project's news
benchmark (../shared/bench/text/score.py): distinct referents per article.  The output is read
as tests/bench/nlp-score.py reads it: one predicted entity per distinct (label, canonical),
named by its canonical and every mention as written; PERSON, LOCATION and ORGANIZATION are
person, place and organization, other labels are not scored.  A predicted entity is correct
when one of its names equals a name of a gold referent of the same type (names compared as
speakers are: case-folded, without a leading "the", a trailing possessive and punctuation); a
gold referent is found when some predicted entity of its type names it.  Gold referents of
one type that share a name are one referent.  --min-f1 is then the entity F1 floor.
"""
import collections
import importlib.util
import json
import os
import re
import sys
import unicodedata


def words(s):
    return re.findall(r"\w+(?:['\u2019]\w+)?", unicodedata.normalize('NFKC', s or '').casefold())


def norm_name(s):
    s = unicodedata.normalize('NFKC', s or '').strip()
    s = re.sub(r"[\u2019']s$", '', s)
    s = re.sub(r'^the\s+', '', s, flags=re.I)
    s = re.sub(r'[^\w\s\-.&]', ' ', s)
    return re.sub(r'\s+', ' ', s).strip(' .-').casefold()


def covers(a, b):
    """the share of the words of b that a holds (as multisets)"""
    if not b:
        return 0.0
    ca = collections.Counter(a)
    return sum(min(n, ca.get(w, 0)) for w, n in collections.Counter(b).items()) / len(b)


def output_reader():
    """tests/bench/nlp-score.py, whose convert() turns newsflow output into the benchmark's
    prediction records: both scorers read our entities the same way"""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', '..', 'bench', 'nlp-score.py')
    spec = importlib.util.spec_from_file_location('nlp_score', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_referents(fold):
    """id -> [(type, set of normalised names)], referents of one type sharing a name merged"""
    out = {}
    with open(f'{fold}/entities.jsonl', encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            merged = []
            for e in r['entities']:
                names = {norm_name(n) for n in [e['name']] + (e.get('mentions') or [])} - {''}
                for t, known in merged:
                    if t == e['type'] and known & names:
                        known.update(names)
                        break
                else:
                    merged.append((e['type'], names))
            out[r['id']] = merged
    return out


def score_entities(fold, output, show, minimum):
    convert = output_reader().convert
    pred = {}
    with open(output, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                r = convert(json.loads(line), False)
                pred[r['id']] = [(e['type'], {norm_name(n) for n in [e['text']] + e['mentions']} - {''},
                                  e['text']) for e in r['entities']]
    tot = collections.Counter()
    for aid, gold in sorted(gold_referents(fold).items()):
        for t, names in gold:
            hit = any(pt == t and pn & names for pt, pn, _ in pred.get(aid, []))
            tot[t, 'gold'] += 1
            tot[t, 'found'] += hit
            if show and not hit:
                print(f'{aid}: missed {t}: {sorted(names)}')
        for pt, pn, text in pred.get(aid, []):
            hit = any(pt == t and pn & names for t, names in gold)
            tot[pt, 'pred'] += 1
            tot[pt, 'correct'] += hit
            if show and not hit:
                print(f'{aid}: wrong {pt}: {text} {sorted(pn)}')

    def figures(types):
        g, found, n, correct = (sum(tot[t, k] for t in types) for k in ('gold', 'found', 'pred', 'correct'))
        P = correct / n if n else 0.0
        R = found / g if g else 0.0
        return (2 * P * R / (P + R) if P + R else 0.0), P, R, g, n

    types = ('person', 'place', 'organization')
    F, P, R, g, n = figures(types)
    print(f'entities F1 {F:.3f} P {P:.3f} R {R:.3f} gold {g} pred {n}')
    for t in types:
        print('  %-12s F1 %.3f P %.3f R %.3f gold %d pred %d' % ((t,) + figures((t,))))
    if F < minimum.get('--min-f1', 0):
        print(f'below the minimum (F1 {minimum["--min-f1"]})')
        return 1
    return 0


def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    fold, output = args[0], args[1]
    show = '--show' in argv
    minimum = {}
    for flag in ('--min-f1', '--min-speaker'):
        if flag in argv:
            minimum[flag] = float(argv[argv.index(flag) + 1])
    if '--entities' in argv:
        return score_entities(fold, output, show, minimum)
    pred = {}
    with open(output, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                ident = r.get('source', '').rsplit('/', 1)[-1]
                pred[ident[:-4] if ident.endswith('.txt') else ident] = r.get('quotes') or []
    tot = collections.Counter()
    with open(f'{fold}/gold.jsonl', encoding='utf-8') as f:
        gold = [json.loads(line) for line in f if line.strip()]
    for g in gold:
        aid = g['id']
        gq = [q for q in g['quotes'] if not q.get('ambiguous')]
        ambiguous = [words(q['text']) for q in g['quotes'] if q.get('ambiguous')]
        pq = [q for q in pred.get(aid, []) if not any(covers(a, words(q.get('text'))) >= 0.8 for a in ambiguous)]
        pw = [words(q.get('text')) for q in pq]
        allgold = [w for q in gq for w in words(q['text'])]
        for q in gq:
            w = words(q['text'])
            tot['gold'] += 1
            best = max(range(len(pq)), key=lambda i: covers(pw[i], w), default=None)
            if best is None or covers(pw[best], w) < 0.8:
                if show:
                    print(f'{aid}: missed: {q["text"]!r} ({q["speaker"]})')
                continue
            tot['found'] += 1
            if q.get('speaker'):
                tot['with_speaker'] += 1
                said = norm_name(pq[best].get('speaker'))
                if said and said in [norm_name(n) for n in [q['speaker']] + (q.get('speaker_alt') or [])]:
                    tot['speaker'] += 1
                elif show:
                    print(f'{aid}: speaker {pq[best].get("speaker")!r}, not {q["speaker"]!r}: {q["text"]!r}')
        for q, w in zip(pq, pw):
            tot['pred'] += 1
            if covers(allgold, w) >= 0.8:
                tot['correct'] += 1
            elif show:
                print(f'{aid}: not a quote: {q.get("text")!r} ({q.get("speaker")})')
    P = tot['correct'] / tot['pred'] if tot['pred'] else 0.0
    R = tot['found'] / tot['gold'] if tot['gold'] else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    S = tot['speaker'] / tot['with_speaker'] if tot['with_speaker'] else 0.0
    print(f'quotes F1 {F:.3f} P {P:.3f} R {R:.3f} speaker {S:.3f} '
          f'gold {tot["gold"]} pred {tot["pred"]} found {tot["found"]}')
    if F < minimum.get('--min-f1', 0) or S < minimum.get('--min-speaker', 0):
        print(f'below the minimum (F1 {minimum.get("--min-f1", 0)}, speaker {minimum.get("--min-speaker", 0)})')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
