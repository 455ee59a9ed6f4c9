# extract "entities" and "quotes".
