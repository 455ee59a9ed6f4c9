# Data of the entities and quotes extractors: gazetteers and the speech-verb list.
# The generated lists come from make-gazetteers.py (iso-codes, tzdata, GeoNames, wamerican);
# they are committed, so building does not need those packages.
gazetteerdir = $(chaindir)/gazetteers
dist_gazetteer_DATA = \
	etc/newsflow/gazetteers/countries.txt \
	etc/newsflow/gazetteers/regions.txt \
	etc/newsflow/gazetteers/cities.txt \
	etc/newsflow/gazetteers/world-cities.txt \
	etc/newsflow/gazetteers/common-words.txt \
	etc/newsflow/gazetteers/countries-en.txt \
	etc/newsflow/gazetteers/places.txt \
	etc/newsflow/gazetteers/regions-en.txt \
	etc/newsflow/gazetteers/landmarks.txt \
	etc/newsflow/gazetteers/organizations.txt \
	etc/newsflow/gazetteers/people.txt \
	etc/newsflow/gazetteers/nationalities.txt \
	etc/newsflow/gazetteers/titles.txt \
	etc/newsflow/gazetteers/org-suffixes.txt \
	etc/newsflow/gazetteers/location-suffixes.txt \
	etc/newsflow/gazetteers/not-names.txt \
	etc/newsflow/gazetteers/other-names.txt \
	etc/newsflow/gazetteers/location-prefixes.txt \
	etc/newsflow/gazetteers/group-nouns.txt \
	etc/newsflow/gazetteers/female-names.txt \
	etc/newsflow/gazetteers/male-names.txt \
	etc/newsflow/gazetteers/ATTRIBUTION \
	etc/newsflow/gazetteers/SCOWL-COPYRIGHT
dist_chain_DATA = etc/newsflow/speech-verbs.txt
EXTRA_DIST += etc/newsflow/gazetteers/make-gazetteers.py etc/newsflow/gazetteers/README.md
# The entity tagger's model (newsflow-train entities; docs/training.md) and its training
# data's attribution.
modeldir = $(chaindir)/models
dist_model_DATA = etc/newsflow/models/entities-en.model etc/newsflow/models/word-clusters-en.txt \
	etc/newsflow/models/ATTRIBUTION
EXTRA_DIST += etc/newsflow/models/make-word-clusters.py
