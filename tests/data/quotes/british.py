#!/usr/bin/env python3
"""Writes a fold of these fixtures in British style: ‘single marks’ for quotations and
“double” ones for quotations inside them, curly apostrophes.

  british.py FOLD_DIR OUT_DIR

The gold is copied unchanged (score.py compares words, not marks).  Apostrophes inside words
and after a plural's s ("farmers'") become ’; every other straight mark is opened after a
space or at a paragraph's start and closed elsewhere.  Used by quotes-fixtures.sh to check
that British copy loses no quotations.
"""
import os
import re
import shutil
import sys


def convert(text):
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    text = re.sub(r"(s)'(?=\s)", "\\1\u2019", text)
    out = []
    for para in text.split('\n'):
        chars = []
        for i, ch in enumerate(para):
            opens = i == 0 or para[i - 1].isspace() or para[i - 1] in '([\u2014\u2018\u201c'
            if ch == '"':
                chars.append('\u2018' if opens else '\u2019')
            elif ch == "'":
                chars.append('\u201c' if opens else '\u201d')
            else:
                chars.append(ch)
        out.append(''.join(chars))
    return '\n'.join(out)


def main(fold, out):
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(fold)):
        path = os.path.join(fold, name)
        if name.endswith('.txt'):
            with open(path, encoding='utf-8') as f, open(os.path.join(out, name), 'w', encoding='utf-8') as g:
                g.write(convert(f.read()))
        elif name == 'gold.jsonl':
            shutil.copy(path, out)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
