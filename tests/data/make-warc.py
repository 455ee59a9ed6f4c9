#!/usr/bin/env python3
"""make-warc.py: writes the WARC files the tests and benchmarks read, so none is downloaded.

  make-warc.py fixtures DIR         small files covering each record type and each kind of
                                    damage (see fixtures() below); deterministic
  make-warc.py big FILE SIZE        one file of about SIZE bytes (suffixes k, M, G) of HTTP
                                    responses holding plain-text news; .gz in FILE's name
                                    writes a gzip member per record, as Common Crawl does
"""
import gzip
import random
import sys
import zlib

DATE = "2026-11-20T10:00:00Z"


def record(warc_type, block, uri=None, content_type=None, number=0, version="1.0",
           extra=(), length=None):
    """One WARC record: version line, headers, block, two CRLFs."""
    headers = [f"WARC/{version}",
               f"WARC-Type: {warc_type}",
               f"WARC-Date: {DATE}",
               f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>"]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    if content_type:
        headers.append(f"Content-Type: {content_type}")
    headers.extend(extra)
    headers.append(f"Content-Length: {len(block) if length is None else length}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status, reason, body, headers=()):
    lines = [f"HTTP/1.1 {status} {reason}"] + list(headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def response(number, uri, status, reason, body, headers=(), version="1.0"):
    return record("response", http(status, reason, body, headers), uri,
                  "application/http; msgtype=response", number, version)


def gz(data):
    """One gzip member, reproducible (no time stamp)."""
    return gzip.compress(data, mtime=0)


def chunked(data, size=17):
    out = b""
    for i in range(0, len(data), size):
        piece = data[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def article(n, rng=None):
    """A plain-text article in the form parse "text" reads: headline, blank line, paragraphs."""
    words = ("council budget river bridge market election report minister city water school "
             "court weather energy price health union transport farm police festival").split()
    rng = rng or random.Random(n)
    title = f"Story {n}: " + " ".join(rng.choice(words) for _ in range(6)).capitalize()
    paragraphs = []
    for _ in range(rng.randint(4, 12)):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(12, 30)))
        paragraphs.append(sentence.capitalize() + ".")
    return (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def all_types():
    """One record of every type, and responses of each kind, in the order tests expect."""
    text = article(1)
    html = b"<html><head><title>Page two</title></head><body><p>Hello.</p></body></html>"
    return [
        record("warcinfo", b"software: make-warc.py\r\nformat: WARC File Format 1.0\r\n",
               None, "application/warc-fields", 1),
        record("request", b"GET /one HTTP/1.1\r\nHost: example.org\r\n\r\n",
               "http://example.org/one", "application/http; msgtype=request", 2),
        response(3, "http://example.org/one", 200, "OK", text,
                 ["Content-Type: text/plain; charset=utf-8", "Set-Cookie: a=1", "Set-Cookie: b=2"]),
        record("metadata", b"fetchTimeMs: 12\r\n", "http://example.org/one",
               "application/warc-fields", 4),
        response(5, "http://example.org/two", 200, "OK", html, ["Content-Type: text/html"],
                 version="1.1"),
        response(6, "http://example.org/missing", 404, "Not Found", b"no such page",
                 ["Content-Type: text/plain"]),
        record("resource", article(7), "file:///archive/seven.txt", "text/plain", 7),
        record("revisit", http(200, "OK", b"", ["Content-Type: text/plain"]),
               "http://example.org/one", "application/http; msgtype=response", 8,
               extra=["WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"]),
        response(9, "http://example.org/encoded", 200, "OK", chunked(gz(article(9))),
                 ["Content-Type: text/plain", "Transfer-Encoding: chunked", "Content-Encoding: gzip"]),
        response(10, "http://example.org/untyped", 200, "OK", article(10)),
    ]


def crawl():
    """A crawl's responses: 6 pages, 3 gone (404) and 1 removed for good (410)."""
    statuses = [200, 404, 200, 200, 410, 404, 200, 200, 404, 200]
    reasons = {200: "OK", 404: "Not Found", 410: "Gone"}
    return [response(n, f"http://example.org/crawl/{n}", status, reasons[status],
                     article(n) if status == 200 else b"gone",
                     ["Content-Type: text/plain; charset=utf-8"])
            for n, status in enumerate(statuses, start=1)]


def fixtures(directory):
    write(f"{directory}/crawl.warc.gz", b"".join(gz(r) for r in crawl()))
    records = all_types()
    write(f"{directory}/all-types.warc", b"".join(records))
    members = [gz(r) for r in records]
    write(f"{directory}/all-types.warc.gz", b"".join(members))

    # Cut in the middle of the third record's block (plain) or gzip member (.gz).
    good = [response(n, f"http://example.org/t{n}", 200, "OK", article(n),
                     ["Content-Type: text/plain"]) for n in (1, 2, 3)]
    plain = b"".join(good)
    write(f"{directory}/truncated.warc", plain[:len(good[0]) + len(good[1]) + len(good[2]) // 2])
    packed = [gz(r) for r in good]
    write(f"{directory}/truncated.warc.gz",
          b"".join(packed[:2]) + packed[2][:len(packed[2]) // 2])

    # A damaged record in the middle: reading must go on with the records after it.
    five = [response(n, f"http://example.org/c{n}", 200, "OK", article(n),
                     ["Content-Type: text/plain"]) for n in range(1, 6)]
    bad_header = five[1].replace(b"Content-Length: ", b"Content-Length: x", 1)
    write(f"{directory}/corrupt-middle.warc", b"".join(five[:1] + [bad_header] + five[2:]))
    short = response(2, "http://example.org/c2", 200, "OK", article(2), ["Content-Type: text/plain"])
    body_length = len(http(200, "OK", article(2), ["Content-Type: text/plain"]))
    wrong = short.replace(f"Content-Length: {body_length}".encode(),
                          f"Content-Length: {body_length - 40}".encode(), 1)
    write(f"{directory}/wrong-length.warc", b"".join(five[:1] + [wrong] + five[2:]))
    # Too long by the length of its two CRLFs: the next record's first line comes where
    # they should be, and that record must still be read.
    long = short.replace(f"Content-Length: {body_length}".encode(),
                         f"Content-Length: {body_length + 4}".encode(), 1)
    write(f"{directory}/long-length.warc", b"".join(five[:1] + [long] + five[2:]))
    # Too long by 50 bytes: the block swallows the next record's first line and more. The
    # damaged record alone is lost; the one it ran into is read (plain, and gzip per record).
    over = short.replace(f"Content-Length: {body_length}".encode(),
                         f"Content-Length: {body_length + 50}".encode(), 1)
    write(f"{directory}/overlong-length.warc", b"".join(five[:1] + [over] + five[2:]))
    write(f"{directory}/overlong-length.warc.gz", b"".join(gz(r) for r in five[:1] + [over] + five[2:]))
    members = [gz(r) for r in five]
    damaged = bytearray(members[1])
    for i in range(20, min(60, len(damaged) - 8)):  # the deflate data, not the gzip header
        damaged[i] ^= 0x55
    write(f"{directory}/corrupt-middle.warc.gz",
          members[0] + bytes(damaged) + b"".join(members[2:]))

    # Not a WARC file at all.
    write(f"{directory}/not-a-warc.warc", b"Hello, this is plain text.\n")


def write(path, data):
    with open(path, "wb") as out:
        out.write(data)


def parse_size(text):
    units = {"k": 1 << 10, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    if text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def big(path, size):
    """About @size bytes of responses; bodies vary (a pool of 500 articles) so gzip has work."""
    rng = random.Random(42)
    pool = [article(n, rng) for n in range(500)]
    per_record = "gz" in path.rsplit("/", 1)[-1]
    written, n = 0, 0
    with open(path, "wb") as out:
        out.write(gz(record("warcinfo", b"software: make-warc.py\r\n", None,
                            "application/warc-fields", 0)) if per_record else
                  record("warcinfo", b"software: make-warc.py\r\n", None,
                         "application/warc-fields", 0))
        while written < size:
            n += 1
            data = response(n, f"http://example.org/news/{n}", 200, "OK", pool[n % len(pool)],
                            ["Content-Type: text/plain; charset=utf-8"])
            if per_record:
                data = gzip.compress(data, compresslevel=1, mtime=0)
            out.write(data)
            written += len(data)
    print(f"{path}: {n} response records, {written} bytes")


def main(argv):
    if len(argv) == 3 and argv[1] == "fixtures":
        fixtures(argv[2])
    elif len(argv) == 4 and argv[1] == "big":
        big(argv[2], parse_size(argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
