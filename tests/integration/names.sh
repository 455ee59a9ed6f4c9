#!/bin/bash
# names.sh: the bundled plugins name entity labels, annotation types and the fields that
# connect stages with the macros of newsflow/names.h, never with a literal of their own, so
# that a misspelling cannot compile and a grep for the macro finds every writer and reader.
# Comments are removed first with the C preprocessor (-fpreprocessed: no macro expansion,
# no includes), so prose that says "PERSON" is fine.
. "$(dirname "$0")/common.sh"
cd "$SOURCE" || exit 1

cc=${CC:-cc}
command -v "${cc%% *}" >/dev/null 2>&1 || cc=gcc
if ! command -v "${cc%% *}" >/dev/null 2>&1; then
  echo "SKIP: no C compiler to strip comments with"; exit 77
fi

header=core/newsflow/names.h
labels=$(sed -nE 's/^#define NF_LABEL_[A-Z_]+ +"([^"]+)".*/\1/p' "$header" | paste -sd'|')
types=$(sed -nE 's/^#define NF_ANNOTATION_[A-Z_]+ +"([^"]+)".*/\1/p' "$header" | paste -sd'|')
fields=$(sed -nE 's/^#define NF_FIELD_[A-Z_]+ +"([^"]+)".*/\1/p' "$header" | paste -sd'|')
[ -n "$labels" ] && [ -n "$types" ] && [ -n "$fields" ] || { fail "no names read from $header"; finish; }

# What each check looks for in a plugin's code (comments removed):
#   a label as a string literal, anywhere;
#   a literal type given to nf_article_add_annotation or compared with an annotation's type;
#   a literal field name given to nf_article_set_field*/get_field*.
label_re="\"($labels)\""
type_re="(nf_article_add_annotation *\\([^,]*, *\"($types)\"|nf_annotation_get_type *\\([^()]*\\), *\"($types)\")"
field_re="nf_article_(set|get)_field[a-z_]* *\\([^,]*, *\"($fields)\""

violations="$WORK/violations"
: > "$violations"
while IFS= read -r file; do
  "$cc" -fpreprocessed -dD -E -P -x c "$file" 2>/dev/null > "$WORK/code" \
    || { echo "$file: the preprocessor could not read it" >> "$violations"; continue; }
  grep -nE "$label_re" "$WORK/code" | sed "s|^|$file: label literal: |" >> "$violations"
  grep -nE "$type_re" "$WORK/code" | sed "s|^|$file: annotation type literal: |" >> "$violations"
  grep -nE "$field_re" "$WORK/code" | sed "s|^|$file: field name literal: |" >> "$violations"
done < <(find plugins -name '*.[ch]' | sort)

if [ -s "$violations" ]; then
  fail "plugins spell names that newsflow/names.h declares (use the NF_ macros; line numbers are of the file without comments):"
  sed 's/^/  /' "$violations"
else
  pass "no plugin spells a label, annotation type or field name of newsflow/names.h"
fi

# The check itself: it must catch a literal, and leave a comment alone.
mkdir -p "$WORK/probe"
printf '/* a "PERSON" in prose */\nstatic const char *l = "PERSON";\n' > "$WORK/probe/p.c"
"$cc" -fpreprocessed -dD -E -P -x c "$WORK/probe/p.c" 2>/dev/null > "$WORK/probe/code"
if [ "$(grep -cE "$label_re" "$WORK/probe/code")" = 1 ]; then pass "the check sees a literal, not a comment"; else
  fail "the check is blind: $(cat "$WORK/probe/code")"; fi

finish
