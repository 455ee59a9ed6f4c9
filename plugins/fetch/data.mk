# fetch "warc" and "jsonl"; parse "json".
