#!/bin/bash
# fetch "http" over TLS: certificates are verified by default, so a self-signed server is a
# failed item naming the certificate problem; verify-tls = false fetches from it.
. "$(dirname "$0")/common.sh"
if ! command -v openssl >/dev/null; then echo "SKIP: openssl is needed to make a test certificate"; exit 77; fi
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -days 2 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1 || { echo "FAIL: openssl req"; exit 1; }
SERVER_ARGS="--tls $WORK/cert.pem $WORK/key.pem" SERVER_SCHEME=https
. "$(dirname "$0")/http-server.sh"

printf 'fetch "http" { urls = { "%s/page/1" } retries = 0 }\nparse "text" { }\nformat "json" { output = "-" }\n' "$BASE" > "$WORK/verify.chain"
expect_status 2 "self-signed server refused by default" -- "$NEWSFLOW" -c "$WORK/verify.chain"
expect_grep "$WORK/err" "$BASE/page/1: fetch http: $BASE/page/1: .*certificate" "the failure names the certificate problem"
expect_grep "$WORK/err" "^read 1, written 0, dropped 0, failed 1$" "tally: one failed"

printf 'fetch "http" { urls = { "%s/page/1" } verify-tls = false }\nparse "text" { }\nformat "json" { output = "-" }\n' "$BASE" > "$WORK/noverify.chain"
expect_status 0 "verify-tls = false fetches it" -- "$NEWSFLOW" -c "$WORK/noverify.chain"
expect_grep "$WORK/out" "\"title\":\"Page 1 headline\"" "page fetched over https"
finish
