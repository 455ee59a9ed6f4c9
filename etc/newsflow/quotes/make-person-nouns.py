#!/usr/bin/env python3
"""make-person-nouns.py: the nouns whose most frequent WordNet 3.0 sense is a person
(lexicographer file noun.person), one word a line: "the shortstop said" is then someone."""
import sys
wn = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/wordnet'
lexfile = {}
for line in open(f'{wn}/data.noun', encoding='latin-1'):
    if line.startswith('  '):
        continue
    f = line.split(' ')
    lexfile[f[0]] = int(f[1])
words = []
for line in open(f'{wn}/index.noun', encoding='latin-1'):
    if line.startswith('  '):
        continue
    f = line.split(' ')
    lemma, count = f[0], int(f[2])
    offsets = f[-count - 1:-1] if False else None
    p_cnt = int(f[3])
    rest = f[4 + p_cnt:]
    synset_cnt = int(rest[0])
    offsets = rest[2:2 + synset_cnt]
    if not offsets or '_' in lemma or not lemma.isalpha() or len(lemma) < 4:
        continue
    if lexfile.get(offsets[0]) == 18:
        words.append(lemma)
print('# Nouns whose most frequent WordNet 3.0 sense names a person (lexicographer file\n'
      '# noun.person), for "the shortstop said": made by make-person-nouns.py from Debian\'s\n'
      '# wordnet-base; WordNet 3.0 Copyright 2006 by Princeton University (licence in\n'
      '# ../lexicon/WORDNET-LICENSE).  One per line.')
print('\n'.join(sorted(set(words))))
