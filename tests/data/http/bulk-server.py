#!/usr/bin/env python3
"""bulk-server.py: a loopback stand-in for Elasticsearch's _bulk API (no Elasticsearch server
is packaged in Debian), for the elasticsearch formatter's tests.  It checks every request as
Elasticsearch would and answers in its format:

  POST /_bulk   Content-Type application/x-ndjson, action/document line pairs, final newline;
                with --api-key K it wants "Authorization: ApiKey K", with --basic U:P basic
                auth, else 401.  The first request answers 429 when --busy-first is given.
                A document whose title contains REJECT gets a per-document 400
                (mapper_parsing_exception); one containing BUSY a per-document 429 the first
                time it is sent.  Indexed documents are kept by _index/_id.
  GET /_dump    every document indexed, as JSON {"INDEX/ID": document}, and the log of
                requests ({"requests": [[status, n_docs, n_bytes], ...]}).

Prints the port on a line of its own and serves until killed.
"""
import argparse
import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_dump":
            with self.lock:
                self.reply(200, {"docs": self.server.docs, "requests": self.server.requests})
        else:
            self.reply(404, {"error": "no such endpoint"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        with self.lock:
            self.server.requests.append([0, 0, len(body)])
            entry = self.server.requests[-1]
            status, answer = self.bulk(body, entry)
            entry[0] = status
        self.reply(status, answer)

    def authorized(self):
        got = self.headers.get("Authorization")
        if self.server.api_key:
            return got == "ApiKey " + self.server.api_key
        if self.server.basic:
            return got == "Basic " + base64.b64encode(self.server.basic.encode()).decode()
        return got is None

    def bulk(self, body, entry):
        if self.path != "/_bulk":
            return 404, {"error": "no such endpoint " + self.path}
        if not self.authorized():
            return 401, {"error": {"type": "security_exception", "reason": "missing authentication"}}
        if self.headers.get("Content-Type") != "application/x-ndjson":
            return 406, {"error": "Content-Type must be application/x-ndjson"}
        if not body.endswith(b"\n"):
            return 400, {"error": {"type": "illegal_argument_exception", "reason": "The bulk request must be terminated by a newline [\\n]"}}
        if self.server.busy_first:
            self.server.busy_first = False
            return 429, {"error": {"type": "es_rejected_execution_exception", "reason": "busy"}}
        lines = body.decode("utf-8").split("\n")[:-1]
        if len(lines) % 2:
            return 400, {"error": "odd number of lines"}
        items, errors = [], False
        for action_line, doc_line in zip(lines[::2], lines[1::2]):
            action = json.loads(action_line)
            (verb, target), = action.items()
            doc = json.loads(doc_line)
            title = str(doc.get("title", ""))
            key = f"{target['_index']}/{target.get('_id', len(self.server.docs))}"
            result = {"_index": target["_index"], "_id": target.get("_id")}
            if "REJECT" in title:
                result.update(status=400, error={"type": "mapper_parsing_exception", "reason": "failed to parse field [title]"})
                errors = True
            elif "BUSY" in title and key not in self.server.busy_seen:
                self.server.busy_seen.add(key)
                result.update(status=429, error={"type": "es_rejected_execution_exception", "reason": "queue full"})
                errors = True
            else:
                result["status"] = 201
                self.server.docs[key] = doc
            items.append({verb: result})
        entry[1] = len(items)
        return 200, {"took": 1, "errors": errors, "items": items}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api-key")
    parser.add_argument("--basic")
    parser.add_argument("--busy-first", action="store_true")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.docs, server.requests, server.busy_seen = {}, [], set()
    server.api_key, server.basic, server.busy_first = args.api_key, args.basic, args.busy_first
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
