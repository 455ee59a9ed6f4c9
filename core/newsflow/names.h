/* newsflow/names.h: the names that connect stages, declared once.  The bundled extractors
 * write these fields, annotation types, attributes and entity labels; the formatters and
 * later extractors read them.  A plugin that spells one with the macro cannot misspell it,
 * and a grep for the macro finds every writer and reader.  The values are part of the
 * output format: they never change within an ABI version.
 * (tests/integration/names.sh fails when a bundled plugin writes a label literal.) */
#ifndef NEWSFLOW_NAMES_H
#define NEWSFLOW_NAMES_H

/* ---- article fields (nf_article_set_field, nf_article_get_field) ---- */

/* extract "entities": the distinct names, in order of first mention: an array of
 * {name, label, mentions}. */
#define NF_FIELD_ENTITIES        "entities"
/* extract "quotes": the direct quotations: an array of {text, speaker, cue, ...}. */
#define NF_FIELD_QUOTES          "quotes"
/* extract "keywords": the key phrases, best first: an array of {phrase, score}. */
#define NF_FIELD_KEYWORDS        "keywords"
/* extract "summary": the summary sentences joined, a string. */
#define NF_FIELD_SUMMARY         "summary"
/* extract "stats": {words, sentences, paragraphs, characters, reading_time_seconds}. */
#define NF_FIELD_STATS           "stats"
/* extract "dedupe": the body's SimHash as 16 hex digits, a string. */
#define NF_FIELD_FINGERPRINT     "fingerprint"
/* extract "dedupe": the id of the earlier article this one repeats, a string. */
#define NF_FIELD_DUPLICATE_OF    "duplicate_of"
/* The publication date as the page gave it, RFC 3339 ("2020-06-07" for a bare day), a
 * string; set with nf_date_set_published (newsflow/date.h). */
#define NF_FIELD_PUBLISHED_LOCAL "published_local"

/* ---- annotation types (nf_article_add_annotation, nf_annotation_get_type) ---- */

/* extract "entities": a name; attributes NF_ATTR_LABEL, NF_ATTR_CANONICAL, maybe NF_ATTR_TITLE. */
#define NF_ANNOTATION_ENTITY           "entity"
/* extract "quotes": the quoted words without their marks; attribute NF_ATTR_SPEAKER. */
#define NF_ANNOTATION_QUOTE            "quote"
/* extract "quotes": a person or organisation referred to without the name, a pronoun
 * ("she", "I" in their quotation, "we" in an organisation's) or a description ("the
 * Foreign Secretary"); attributes NF_ATTR_LABEL, NF_ATTR_CANONICAL (the referent's) and
 * NF_ATTR_KIND. */
#define NF_ANNOTATION_REFERENCE        "reference"
/* extract "dates": a date in the body; attribute NF_ATTR_VALUE. */
#define NF_ANNOTATION_DATE             "date"
/* extract "summary": a sentence chosen for the summary. */
#define NF_ANNOTATION_SUMMARY_SENTENCE "summary-sentence"

/* ---- annotation attributes (nf_annotation_set_attr, nf_annotation_get_attr_string) ---- */

/* An entity's label: one of the NF_LABEL_ names below. */
#define NF_ATTR_LABEL     "label"
/* An entity's canonical name: the full name a shorter mention ("Smith") stands for. */
#define NF_ATTR_CANONICAL "canonical"
/* A person's title or role as the text wrote it before the name ("Prime Minister"). */
#define NF_ATTR_TITLE     "title"
/* A quotation's speaker, canonical name (absent when unknown). */
#define NF_ATTR_SPEAKER   "speaker"
/* What kind of mention a reference is: "pronoun" or "description". */
#define NF_ATTR_KIND      "kind"
/* A date's value in ISO 8601 ("2026-11-27", "2026-11", "2026-W48", "2026"). */
#define NF_ATTR_VALUE     "value"

/* ---- entity labels (the values of NF_ATTR_LABEL) ---- */

/* A person, or a title standing for one ("the Prime Minister"). */
#define NF_LABEL_PERSON       "PERSON"
/* A place: a country, region, city, natural feature, address. */
#define NF_LABEL_LOCATION     "LOCATION"
/* An organisation, company, institution, or a state that acts ("the United States signed"). */
#define NF_LABEL_ORGANIZATION "ORGANIZATION"
/* A nationality or people used as an adjective ("Iraqi", "French"). */
#define NF_LABEL_NATIONALITY  "NATIONALITY"

#endif /* NEWSFLOW_NAMES_H */
