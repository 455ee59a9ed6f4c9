#!/usr/bin/env python3
"""Converts newsflow JSON Lines (entities and quotes extractors) to the prediction format of
../shared/bench/text/score.py: one {"id", "entities", "quotes"} object per article.

  nlp-score.py OUTPUT.jsonl > pred.jsonl

Entities: each distinct entity of the "entities" field, with the mentions of its annotations
as written.  With --title-mentions, a mention written after a title is also given with the
title ("Defense Secretary Ash Carter"), the form re3d's gold spans use; our spans leave
titles out by design.  NATIONALITY is not scored (the gold has no such people/place/org
type), so it is left out.
"""
import json
import sys

TYPES = {'PERSON': 'person', 'LOCATION': 'place', 'ORGANIZATION': 'organization'}


def convert(record, title_mentions):
    text = record.get('text') or ''
    data = text.encode('utf-8')
    mentions = {}
    for a in record.get('annotations', []):
        if a.get('type') != 'entity':
            continue
        attrs = a.get('attrs', {})
        key = (attrs.get('label'), attrs.get('canonical'))
        forms = mentions.setdefault(key, set())
        forms.add(data[a['start']:a['end']].decode('utf-8', 'replace'))
        if title_mentions and attrs.get('title'):
            forms.add(attrs['title'] + ' ' + data[a['start']:a['end']].decode('utf-8', 'replace'))
    entities = []
    for e in record.get('entities', []):
        t = TYPES.get(e.get('label'))
        if not t:
            continue
        entities.append({'text': e['name'], 'type': t,
                         'mentions': sorted(mentions.get((e.get('label'), e['name']), []))})
    quotes = [{'text': q.get('text', ''), 'speaker': q.get('speaker')} for q in record.get('quotes', [])]
    source = record.get('source', '')
    ident = source.rsplit('/', 1)[-1]
    if ident.endswith('.txt'):
        ident = ident[:-4]
    return {'id': ident, 'entities': entities, 'quotes': quotes}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    title_mentions = '--title-mentions' in sys.argv
    with open(args[0], encoding='utf-8') as f:
        for line in f:
            if line.strip():
                print(json.dumps(convert(json.loads(line), title_mentions), ensure_ascii=False))


if __name__ == '__main__':
    main()
