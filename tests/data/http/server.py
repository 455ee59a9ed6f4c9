#!/usr/bin/env python3
"""server.py: the loopback HTTP server the http and feed tests fetch from.

Binds 127.0.0.1 on a free port, prints the port on a line of its own, and serves until it
is killed or its parent exits.  Endpoints (N, K, MS are numbers):
  /page/N            text/plain UTF-8 article "Page N headline", with Last-Modified
  /delay/MS/N        the same after MS milliseconds (concurrency tests and the benchmark)
  /redirect/K        302 to /redirect/K-1; /redirect/0 is a page
  /loop              302 to itself, forever
  /status/CODE       that status with a short text body
  /flaky/ID/N        500 for the first N requests of ID, then a page
  /slow/SECONDS      a page after SECONDS seconds (must time out)
  /big/N             N bytes with a Content-Length
  /big-stream/N      N bytes without one (read until the connection closes)
  /gzip-bomb/N       N zero bytes gzip-compressed, Content-Encoding: gzip
  /latin1            ISO-8859-1 text/plain with a charset parameter
  /echo              the request's method, User-Agent and body, as text/plain
  /files/NAME        a file of the --root directory, "@BASE@" replaced by this server's URL
With --tls CERT KEY it speaks https instead.
"""
import argparse
import gzip
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"
TYPES = {".rss": "application/rss+xml", ".rdf": "application/rdf+xml", ".atom": "application/atom+xml",
         ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8"}


class Handler(BaseHTTPRequestHandler):
    server_version = "newsflow-test/1"
    flaky = {}
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def log_request(self, code="-", size="-"):
        if self.server.log:
            with self.lock:
                print(self.command, self.path, code, file=self.server.log, flush=True)

    def send(self, status, body, content_type="text/plain; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def page(self, n):
        body = f"Page {n} headline\n\nBody of page {n}, served over HTTP.\n".encode()
        self.send(200, body, headers=[("Last-Modified", LAST_MODIFIED)])

    def do_POST(self):
        self.do_GET()

    def do_GET(self):
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, max-size): nothing to do

    def route(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        head, args = parts[0], parts[1:]
        if head == "page":
            self.page(args[0])
        elif head == "delay":
            time.sleep(int(args[0]) / 1000)
            self.page(args[1])
        elif head == "redirect":
            k = int(args[0])
            if k == 0:
                self.page("redirected")
            else:
                self.send(302, b"moved\n", headers=[("Location", f"/redirect/{k - 1}")])
        elif head == "loop":
            self.send(302, b"again\n", headers=[("Location", "/loop")])
        elif head == "status":
            code = int(args[0])
            self.send(code, f"status {code}\n".encode())
        elif head == "flaky":
            key, failures = args[0], int(args[1])
            with self.lock:
                seen = self.flaky.get(key, 0)
                self.flaky[key] = seen + 1
            if seen < failures:
                self.send(500, b"try again\n")
            else:
                self.page(f"flaky {key}")
        elif head == "slow":
            time.sleep(float(args[0]))
            self.page("slow")
        elif head == "big":
            self.send(200, b"x" * int(args[0]))
        elif head == "big-stream":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            left = int(args[0])
            while left > 0:
                chunk = min(left, 65536)
                self.wfile.write(b"y" * chunk)
                left -= chunk
        elif head == "gzip-bomb":
            body = gzip.compress(b"\0" * int(args[0]))
            self.send(200, body, headers=[("Content-Encoding", "gzip")])
        elif head == "latin1":
            body = "Café headline\n\nCrème brûlée à Genève.\n".encode("iso-8859-1")
            self.send(200, body, "text/plain; charset=ISO-8859-1")
        elif head == "echo":
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else b""
            body = f"{self.command}\n{self.headers.get('User-Agent')}\n{self.headers.get('Content-Type')}\n".encode() + data
            self.send(200, body)
        elif head == "files" and args and "/" not in args[0] and not args[0].startswith("."):
            path = os.path.join(self.server.root, args[0])
            if not os.path.isfile(path):
                self.send(404, b"no such file\n")
                return
            with open(path, "rb") as f:
                body = f.read().replace(b"@BASE@", self.server.base.encode())
            self.send(200, body, TYPES.get(os.path.splitext(path)[1], "application/octet-stream"))
        else:
            self.send(404, b"no such endpoint\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # The listen backlog: must be set before the socket listens (the default of 5 drops the
    # SYNs of a burst of connections, which the client then resends only after a second).
    request_queue_size = 256


def watch_parent(parent):
    # Never outlive the test that started us, even when it is killed.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", help="append each request's method, path and status to this file")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve https with this certificate")
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "feed"))
    options = parser.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.root = options.root
    server.log = open(options.log, "a") if options.log else None
    scheme = "http"
    if options.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*options.tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    server.base = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
