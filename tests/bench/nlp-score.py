#!/usr/bin/env python3
"""Converts newsflow JSON Lines (entities and quotes extractors) to the prediction format of
../shared/bench/text/score.py: one {"id", "entities", "quotes"} object per article.

  nlp-score.py OUTPUT.jsonl > pred.jsonl
  nlp-score.py --by-type DATA_DIR pred.jsonl [PREFIX...]   (P/R/F1 of each type, with the
                                                            scorer's own matching)

Entities: each distinct (label, canonical) of the "entity" annotations, with its mentions as
written (before per-mention labels, the same set as the "entities" field).  With --title-mentions, a mention written after a title is also given with the
title ("Defense Secretary Ash Carter"), the form re3d's gold spans use; our spans leave
titles out by design.  NATIONALITY is not scored (the gold has no such people/place/org
type), so it is left out.
The "reference" annotations of extract "quotes" ("he", "I" in a person's quotation, "the
Foreign Secretary"; "we" in the quotation of an organisation or of who speaks for it) are
mentions of their person's or organisation's entity too, as re3d's gold marks them; a
reference whose entity has no entity annotation is left out.
"""
import json
import sys

TYPES = {'PERSON': 'person', 'LOCATION': 'place', 'ORGANIZATION': 'organization'}


def convert(record, title_mentions):
    text = record.get('text') or ''
    data = text.encode('utf-8')
    mentions = {}
    references = []
    for a in record.get('annotations', []):
        if a.get('type') == 'reference':
            references.append(a)
        if a.get('type') != 'entity':
            continue
        attrs = a.get('attrs', {})
        key = (attrs.get('label'), attrs.get('canonical'))
        forms = mentions.setdefault(key, set())
        forms.add(data[a['start']:a['end']].decode('utf-8', 'replace'))
        if title_mentions and attrs.get('title'):
            forms.add(attrs['title'] + ' ' + data[a['start']:a['end']].decode('utf-8', 'replace'))
    for a in references:
        attrs = a.get('attrs', {})
        forms = mentions.get((attrs.get('label'), attrs.get('canonical')))
        if forms is not None:
            forms.add(data[a['start']:a['end']].decode('utf-8', 'replace'))
    # one predicted entity per distinct (label, canonical) of the annotations: the
    # "entities" field lists a name once even when its mentions carry different labels
    # ("Ukraine" the state and the place), and the gold counts those as two referents
    entities = []
    for (label, name), forms in mentions.items():
        t = TYPES.get(label)
        if t:
            entities.append({'text': name, 'type': t, 'mentions': sorted(forms)})
    quotes = [{'text': q.get('text', ''), 'speaker': q.get('speaker')} for q in record.get('quotes', [])]
    source = record.get('source', '')
    ident = source.rsplit('/', 1)[-1]
    if ident.endswith('.txt'):
        ident = ident[:-4]
    return {'id': ident, 'entities': entities, 'quotes': quotes}


def by_type(data, pred_path, prefixes):
    """Per-type precision and recall, matched as score.py matches (its functions are used)."""
    sys.path.insert(0, data)
    import score
    gold = score.gold_entities(data)
    pred = score.load_pred(pred_path)
    tot = {}
    for aid, g in gold.items():
        if prefixes and not aid.startswith(tuple(prefixes)):
            continue
        p = []
        for e in pred.get(aid, {}).get('entities', []):
            names = {score.norm_name(e.get('text', ''))} | {score.norm_name(m) for m in e.get('mentions', [])}
            p.append((score.TYPE_ALIASES.get(str(e.get('type', '')).casefold()), names - {''}))
        for t in ('PER', 'LOC', 'ORG'):
            c = tot.setdefault(t, [0, 0, 0, 0])
            gt = [n for ty, n in g if ty == t]
            pt = [n for ty, n in p if ty == t]
            c[0] += len(gt)
            c[1] += sum(1 for n in gt if any(m & n for m in pt))
            c[2] += len(pt)
            c[3] += sum(1 for n in pt if any(m & n for m in gt))
    for t, (g, found, n, correct) in tot.items():
        P = correct / n if n else 0.0
        R = found / g if g else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        print(f'{t}: P {P:.3f} R {R:.3f} F1 {F:.3f} gold {g} pred {n}')


def main():
    if len(sys.argv) > 3 and sys.argv[1] == '--by-type':
        by_type(sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    title_mentions = '--title-mentions' in sys.argv
    with open(args[0], encoding='utf-8') as f:
        for line in f:
            if line.strip():
                print(json.dumps(convert(json.loads(line), title_mentions), ensure_ascii=False))


if __name__ == '__main__':
    main()
