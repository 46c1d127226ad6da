#!/usr/bin/env python3
"""Loopback HTTP/1.1 test server for ssnews's integration tests (stdlib only).

usage: server.py --root DIR --port-file FILE [--port 0] [--max-seconds 120]
                 [--log FILE]

Binds 127.0.0.1 only.  --port 0 (the default) takes any free port; the port
number is written to --port-file (temp file + rename) once the socket listens.
Exits with status 0 on SIGTERM/SIGINT or by itself after --max-seconds.
Threaded (one thread per connection), HTTP/1.1 keep-alive.  Every request is
logged as one line to --log; a client that goes away mid-body is logged, not
reported on stderr.

Entities (files, /feed/N, /html, /huge-headers) carry a strong ETag (hash of
the content; the gzip/deflate forms get "-gzip"/"-deflate" appended inside
the quotes) and Last-Modified, answer If-None-Match (which wins) or else
If-Modified-Since with 304, and are compressed when Accept-Encoding allows
gzip (preferred) or deflate (zlib format).  Streams (/endless, /oversized,
/gzip-bomb) have no validators and are never compressed on demand.

Paths:
  /NAME                 a file under --root (404 if missing or outside it).
                        Content-Type from the extension: .xml application/xml,
                        .rss application/rss+xml, .atom application/atom+xml,
                        .rdf application/rdf+xml, .json application/feed+json,
                        .html text/html, .txt text/plain, .opml text/x-opml,
                        else application/octet-stream (no charset parameter).
                        Last-Modified is the file's mtime; read every time.
  /feed/N               generated RSS 2.0 feed N (deterministic): channel title
                        "Feed N", 5 items, item K has title "Feed N item K",
                        guid "ssnews-test-feed-N-item-K" (isPermaLink=false),
                        link https://example.org/feed/N/item/K, pubDate
                        2024-01-01 12:00:00 GMT minus (K-1) hours.
                        Last-Modified: Mon, 01 Jan 2024 12:00:00 GMT.
      ?items=K            K items instead of 5 (0..100000).
      ?change=V           item 1 becomes title "Feed N item 1 (changed V)" and
                          guid "ssnews-test-feed-N-item-1-vV"; Last-Modified
                          moves V minutes later if V is an integer, else one
                          day later.  The ETag changes with the content.
  /html                 an HTML page (text/html) that is not a feed; it has a
                        <link rel="alternate" ... href="/feed/1">.
  /status/NNN           that status (200..599) with a small HTML body (none for
                        204 and 304).
      ?retry_after=V      adds "Retry-After: V" (V sent as given).
      ?retry_after_in=S   adds Retry-After as an HTTP-date S seconds from now.
      ?location=URL       adds "Location: URL".
  /redirect/N           chain of N (1..1000) redirects: Location is
                        /redirect/N-1?... and the last one points at PATH.
      ?code=C             301, 302 (default), 303, 307 or 308 at every step.
      ?rel=1              relative Locations (default: absolute
                          http://HOST/... with HOST from the Host header).
      ?to=PATH            where the chain ends (default /feed/1); a path or a
                          full URL.  to= must come LAST: all the rest of the
                          query string after "to=" (percent-decoded) is PATH,
                          so /redirect/2?to=/feed/1?items=2&change=1 works.
  /redirect-loop        redirects to itself forever (?code=C, ?rel=1 as above).
  /redirect-to?url=ANY  one redirect to ANY, sent verbatim (file:///etc/passwd,
                        ftp://..., gopher://..., javascript:..., http://...).
                        url= must come LAST, as to= above; ?code=C before it.
  /endless              200, application/rss+xml, chunked: an RSS head, then
                        one ~90-byte <item> every 100 ms, never finished, until
                        the client goes away or the server exits.
  /oversized?mb=N       a well-formed RSS feed of exactly N MiB (N may be a
                        fraction, default 10, at most 100000) with a true
                        Content-Length, made while it is sent (1 KiB items).
  /gzip-bomb?mb=N       Content-Encoding: gzip whatever the client asked; the
                        body is small and inflates to N MiB (default 10, at
                        most 10240) of zero bytes.  Content-Type
                        application/rss+xml.  Built once per N and cached
                        (the first request costs about 6 s per GiB).
      ?fill=space         inflates instead to an RSS head, N MiB of spaces
                          inside <description>, and a proper end.
      ?enc=deflate        zlib (Content-Encoding: deflate) instead of gzip.
  /huge-headers?kb=N    about N KiB (default 64, at most 100000) of response
                        headers "X-Filler-NNNNN: xxx...", then feed 1.
      ?line=B             each filler header line is B bytes (default 1000,
                          16..10000000; one line of kb*1024 with line=0).
  /__stats              JSON (pretty, sorted keys) counters since start or the
                        last /__reset; /__* requests are never counted:
                        requests, by_status {"200": n, ...}, not_modified
                        (304s),
                        connections (TCP connections that carried a counted
                        request), max_concurrent and in_flight (requests being
                        served at once), bytes (body bytes sent), encoded
                        {"gzip": n, "deflate": n}, aborted (client went away),
                        paths {"/feed/1": n} (by path without query),
                        last_headers {"/feed/1": {"User-Agent": ...}} (the
                        headers of the last request for each path) and
                        last_request {method, target, headers}.
  /__headers?path=P     text/plain "Name: value" lines of the last request's
                        headers for path P (default: the last request); 404 if
                        none.  Easy to grep from sh.
  /__reset              zeroes the counters (in_flight survives); "ok".

Switches valid on every path except /__*:
  ?delay_ms=N           sleep N ms before sending anything (the headers).
  ?slow=BPS             send the body at BPS bytes per second (headers at once,
                        then pieces of max(1, BPS/10) bytes).
  ?chunked=1            Transfer-Encoding: chunked (8 KiB chunks), if the
                        request is HTTP/1.1.  ?chunked=0 forces a close-
                        delimited body for streams that would be chunked.
  ?content_length=N     a lying "Content-Length: N" (any digits, e.g.
                        5000000000 or 3); the real body follows whole, then the
                        connection is closed.
  ?close=1              "Connection: close" and close after the response.
  ?type=MIME            replace the Content-Type.
  ?charset=NAME         append "; charset=NAME" to the Content-Type.
  ?encode=E             gzip, deflate or identity whatever Accept-Encoding says
                        (entities only).
  ?no_etag=1            send no ETag (entities).
  ?no_lastmod=1         send no Last-Modified (entities).
Bad values give 400.  Parameter values may not contain CR, LF or NUL.
"""

import argparse
import email.utils
import hashlib
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import traceback
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape

CONN_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError,
               socket.timeout, TimeoutError)
CTYPES = {".xml": "application/xml", ".rss": "application/rss+xml",
          ".atom": "application/atom+xml", ".rdf": "application/rdf+xml",
          ".json": "application/feed+json", ".html": "text/html",
          ".htm": "text/html", ".txt": "text/plain", ".opml": "text/x-opml"}
FEED_EPOCH = 1704110400  # Mon, 01 Jan 2024 12:00:00 GMT
RSS_TYPE = "application/rss+xml"
MIB = 1024 * 1024


class BadRequest(Exception):
    """A switch has a value the server cannot use: answered with 400."""


class Stats:
    """Counters shared by all handler threads, read through /__stats."""

    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight = 0
        self.epoch = 0
        self.reset()

    def reset(self):
        # in_flight survives: requests may be running while a test resets
        self.requests = self.not_modified = self.connections = 0
        self.max_concurrent = self.bytes = self.aborted = 0
        self.by_status, self.paths, self.last_headers = {}, {}, {}
        self.encoded = {"gzip": 0, "deflate": 0}
        self.last_request = None
        self.epoch += 1

    def begin(self, handler, path):
        hdrs = {}
        for k, v in handler.headers.items():
            hdrs[k] = hdrs[k] + ", " + v if k in hdrs else v
        with self.lock:
            self.requests += 1
            if handler.conn_epoch != self.epoch:
                handler.conn_epoch = self.epoch
                self.connections += 1
            self.in_flight += 1
            self.max_concurrent = max(self.max_concurrent, self.in_flight)
            self.paths[path] = self.paths.get(path, 0) + 1
            self.last_headers[path] = hdrs
            self.last_request = {"method": handler.command,
                                 "target": handler.path, "headers": hdrs,
                                 "path": path}

    def end(self, status, nbytes, encoding, aborted):
        with self.lock:
            self.in_flight -= 1
            key = str(status) if status else "none"
            self.by_status[key] = self.by_status.get(key, 0) + 1
            self.not_modified += status == 304
            self.bytes += nbytes
            self.aborted += aborted
            if encoding:
                self.encoded[encoding] += 1

    def snapshot(self):
        with self.lock:
            return {"requests": self.requests,
                    "by_status": dict(self.by_status),
                    "not_modified": self.not_modified,
                    "connections": self.connections,
                    "max_concurrent": self.max_concurrent,
                    "in_flight": self.in_flight, "bytes": self.bytes,
                    "encoded": dict(self.encoded), "aborted": self.aborted,
                    "paths": dict(self.paths),
                    "last_headers": dict(self.last_headers),
                    "last_request": self.last_request}

    def headers_of(self, path):
        with self.lock:
            if path is None:
                return (self.last_request or {}).get("headers")
            return self.last_headers.get(path)


STATS = Stats()
BOMBS = {}  # (mb, fill, enc) -> compressed bytes
BOMBS_LOCK = threading.Lock()


def qint(q, name, default, lo, hi):
    """An integer switch within [lo, hi], or default when absent."""
    if name not in q:
        return default
    try:
        v = int(q[name])
    except ValueError:
        raise BadRequest("%s: not an integer" % name)
    if v < lo or v > hi:
        raise BadRequest("%s: out of range %d..%d" % (name, lo, hi))
    return v


def qmib(q, default, hi):
    """The mb= switch as a byte count (fractions allowed)."""
    try:
        mb = float(q.get("mb", default))
    except ValueError:
        raise BadRequest("mb: not a number")
    if not 0 <= mb <= hi:
        raise BadRequest("mb: out of range 0..%d" % hi)
    return int(mb * MIB)


def parse_query(query, tail=None):
    """Switches as a dict (last value wins); with tail, the rest of the
    query after "tail=" is one raw value, so it may hold '&' and '?'."""
    rest = None
    if tail:
        m = re.search(r"(?:^|&)%s=" % re.escape(tail), query)
        if m:
            rest = unquote(query[m.end():])
            query = query[:m.start()]
    q = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    if rest is not None:
        q[tail] = rest
    for k, v in q.items():
        if re.search(r"[\r\n\0]", k + v):
            raise BadRequest("control character in parameter")
    return q


def http_date(ts):
    return email.utils.formatdate(ts, usegmt=True)


def status_page(code):
    """Small HTML body for a status or error response."""
    try:
        reason = BaseHTTPRequestHandler.responses[code][0]
    except KeyError:
        reason = "Status"
    return ("<!DOCTYPE html>\n<html><head><title>%d %s</title></head>"
            "<body><h1>%d %s</h1></body></html>\n"
            % (code, reason, code, reason)).encode()


def make_feed(n, items, change):
    """The deterministic RSS 2.0 feed served at /feed/N."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">',
           "<channel>", "<title>Feed %d</title>" % n,
           "<link>https://example.org/feed/%d/</link>" % n,
           "<description>Generated test feed %d</description>" % n,
           "<lastBuildDate>%s</lastBuildDate>" % http_date(FEED_EPOCH)]
    for k in range(1, items + 1):
        title = "Feed %d item %d" % (n, k)
        guid = "ssnews-test-feed-%d-item-%d" % (n, k)
        if change is not None and k == 1:
            title += " (changed %s)" % change
            guid += "-v" + change
        out += ["<item>", "<title>%s</title>" % escape(title),
                "<link>https://example.org/feed/%d/item/%d</link>" % (n, k),
                '<guid isPermaLink="false">%s</guid>' % escape(guid),
                "<pubDate>%s</pubDate>" % http_date(
                    FEED_EPOCH - (k - 1) * 3600),
                "<description>Body of feed %d item %d.</description>" % (n, k),
                "</item>"]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode()


def feed_mtime(change):
    if change is None:
        return FEED_EPOCH
    if re.fullmatch(r"-?\d{1,9}", change):
        return FEED_EPOCH + 60 * int(change)
    return FEED_EPOCH + 86400


HTML_PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Not a feed</title>
<link rel="alternate" type="application/rss+xml" title="Feed 1" href="/feed/1">
</head><body><h1>Not a feed</h1><p>This is a web page, not a feed.</p>
</body></html>
"""

RSS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n'
            "<channel>\n<title>%s</title>\n<link>https://example.org/</link>\n"
            "<description>%s</description>\n")
RSS_FOOT = b"</channel>\n</rss>\n"


def endless_body():
    """An RSS feed that never ends: one item every 100 ms."""
    yield (RSS_HEAD % ("Endless", "Never ends")).encode()
    k = 0
    while True:
        time.sleep(0.1)
        k += 1
        yield ("<item><title>Endless item %d</title><guid>endless-%d</guid>"
               "</item>\n" % (k, k)).encode()


def oversized_body(total):
    """A well-formed feed of exactly total bytes, made while it is sent."""
    head = (RSS_HEAD % ("Oversized", "%d bytes" % total)).encode()
    if total < len(head) + len(RSS_FOOT):
        yield head + RSS_FOOT
        return
    left = total - len(head) - len(RSS_FOOT)
    block, k = [head], 0
    while left >= 1024:
        k += 1
        pre = ("<item><title>Big item %d</title><guid>big-%d</guid>"
               "<description>" % (k, k)).encode()
        post = b"</description></item>\n"
        block.append(pre + b"x" * (1024 - len(pre) - len(post)) + post)
        left -= 1024
        if len(block) >= 64:
            yield b"".join(block)
            block = []
    block.append(b" " * left + RSS_FOOT)
    yield b"".join(block)


def bomb(size, fill, enc):
    """Compressed body that inflates to size bytes, cached per parameters."""
    key = (size, fill, enc)
    with BOMBS_LOCK:
        if key in BOMBS:
            return BOMBS[key]
    c = zlib.compressobj(9, zlib.DEFLATED, 31 if enc == "gzip" else 15)
    parts, left = [], size
    if fill == "space":
        head = (RSS_HEAD % ("Bomb", "")).encode()[:-len("</description>\n")]
        foot = b"</description>\n" + RSS_FOOT
        parts.append(c.compress(head))
        zero = b" " * MIB
    else:
        foot, zero = b"", bytes(MIB)
    while left > 0:
        parts.append(c.compress(zero[:min(left, MIB)]))
        left -= MIB
    parts.append(c.compress(foot) + c.flush())
    data = b"".join(parts)
    with BOMBS_LOCK:
        BOMBS[key] = data
    return data


def choose_encoding(accept):
    """gzip or deflate as the Accept-Encoding header allows, else None."""
    allowed = {}
    for tok in (accept or "").split(","):
        parts = [p.strip() for p in tok.split(";")]
        if not parts[0]:
            continue
        qv = 1.0
        for p in parts[1:]:
            if p.lower().startswith("q="):
                try:
                    qv = float(p[2:])
                except ValueError:
                    qv = 0.0
        allowed[parts[0].lower()] = qv
    for enc in ("gzip", "deflate"):
        if allowed.get(enc, allowed.get("*", 0.0)) > 0:
            return enc
    return None


def compress(body, enc):
    c = zlib.compressobj(6, zlib.DEFLATED, 31 if enc == "gzip" else 15)
    return c.compress(body) + c.flush()


def paced(chunks, bps):
    """Re-cut chunks into pieces sent at bps bytes per second."""
    piece = max(1, bps // 10)
    start, sent = time.monotonic(), 0
    for data in chunks:
        for i in range(0, len(data), piece):
            part = data[i:i + piece]
            wait = start + sent / bps - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            yield part
            sent += len(part)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ssnews-test/1"
    disable_nagle_algorithm = True
    timeout = 60  # idle keep-alive connections and stuck writes end

    def version_string(self):
        return self.server_version

    def setup(self):
        super().setup()
        self.conn_epoch = -1
        self.conn_id = self.server.next_conn_id()
        self.status = None

    def log_message(self, fmt, *args):
        # errors the base class reports (bad request lines, timeouts)
        self.server.log("conn=%d %s" % (self.conn_id, fmt % args))

    def log_request(self, code="-", size="-"):
        self.status = int(code)

    def do_GET(self):
        self.run()

    def do_HEAD(self):
        self.run()

    def run(self):
        """Serve one request: count it, dispatch it, log one line."""
        t0 = time.monotonic()
        self.status, self.sent, self.encoding = None, 0, None
        self.hdr_pending = False
        u = urlsplit(self.path)
        control = u.path.startswith("/__")
        note = ""
        if not control:
            STATS.begin(self, u.path)
        try:
            self.dispatch(u, control)
        except CONN_ERRORS as e:
            note = " aborted(%s)" % type(e).__name__
            self.close_connection = True
        except Exception as e:
            note = " error(%r)" % e
            self.close_connection = True
            self.server.log("conn=%d traceback: %s" % (self.conn_id, " | ".join(
                traceback.format_exc().strip().splitlines())))
            sys.stderr.write("server.py: error on %s: %r\n" % (self.path, e))
        finally:
            if not control:
                STATS.end(self.status, self.sent, self.encoding, bool(note))
        h = self.headers
        self.server.log(
            'conn=%d "%s" %s %d %dms%s ua=%r inm=%r ims=%r ae=%r' % (
            self.conn_id, self.requestline, self.status or "-", self.sent,
            (time.monotonic() - t0) * 1000, note, h.get("User-Agent"),
            h.get("If-None-Match"), h.get("If-Modified-Since"),
            h.get("Accept-Encoding")))

    def dispatch(self, u, control):
        path = u.path
        tail = {"/redirect-to": "url"}.get(path)
        if path.startswith("/redirect/"):
            tail = "to"
        try:
            q = parse_query(u.query, tail)
            if control:
                return self.control(path, q)
            delay = qint(q, "delay_ms", 0, 0, 3600 * 1000)
            if delay:
                time.sleep(delay / 1000.0)
            self.q = q
            self.route(path, q)
        except BadRequest as e:
            self.q = {}
            self._headers_buffer = []
            self.send_entity(("400 Bad Request: %s\n" % e).encode(),
                             "text/plain", code=400, validators=False)

    def route(self, path, q):
        """Pick the endpoint for path (see the table at the top)."""
        m = re.fullmatch(r"/(status|redirect|feed)/(\d{1,9})", path)
        kind, num = (m.group(1), int(m.group(2))) if m else (path, 0)
        if kind == "status":
            return self.do_status(num, q)
        if kind == "redirect":
            return self.do_redirect(num, q)
        if kind == "feed":
            items = qint(q, "items", 5, 0, 100000)
            change = q.get("change")
            return self.send_entity(make_feed(num, items, change), RSS_TYPE,
                                    mtime=feed_mtime(change))
        simple = {"/redirect-loop": self.do_redirect_loop,
                  "/redirect-to": self.do_redirect_to,
                  "/endless": self.do_endless, "/oversized": self.do_oversized,
                  "/gzip-bomb": self.do_gzip_bomb,
                  "/huge-headers": self.do_huge_headers}
        if kind in simple:
            return simple[kind](q)
        if kind == "/html":
            return self.send_entity(HTML_PAGE, "text/html", mtime=FEED_EPOCH)
        return self.do_file(path)

    # --- endpoints --------------------------------------------------------

    def do_file(self, path):
        root = self.server.root
        rel = unquote(path).lstrip("/")
        full = os.path.realpath(os.path.join(root, rel))
        if ("\0" in rel or not full.startswith(root + os.sep)
                or not os.path.isfile(full)):
            return self.send_entity(status_page(404), "text/html", code=404,
                                    validators=False)
        try:
            with open(full, "rb") as f:
                body = f.read()
                mtime = os.fstat(f.fileno()).st_mtime
        except OSError:
            return self.send_entity(status_page(403), "text/html", code=403,
                                    validators=False)
        ctype = CTYPES.get(os.path.splitext(full)[1].lower(),
                           "application/octet-stream")
        self.send_entity(body, ctype, mtime=mtime)

    def do_status(self, code, q):
        if not 200 <= code <= 599:
            raise BadRequest("status must be 200..599")
        extra = []
        if "retry_after" in q:
            extra.append(("Retry-After", q["retry_after"]))
        if "retry_after_in" in q:
            secs = qint(q, "retry_after_in", 0, -10 ** 9, 10 ** 9)
            extra.append(("Retry-After", http_date(time.time() + secs)))
        if "location" in q:
            extra.append(("Location", q["location"]))
        body = b"" if code in (204, 304) else status_page(code)
        self.send_entity(body, "text/html", code=code, validators=False,
                         extra=extra)

    def redirect(self, q, location):
        code = qint(q, "code", 302, 301, 308)
        if code not in (301, 302, 303, 307, 308):
            raise BadRequest("code must be 301, 302, 303, 307 or 308")
        if location.startswith("/") and q.get("rel") != "1":
            host = self.headers.get("Host", "")
            if not re.fullmatch(r"[A-Za-z0-9.:\[\]-]{1,300}", host):
                host = "127.0.0.1:%d" % self.server.server_address[1]
            location = "http://" + host + location
        body = ("<!DOCTYPE html>\n<html><body><a href=\"%s\">moved</a>"
                "</body></html>\n" % escape(location, {'"': "&quot;"}))
        self.send_entity(body.encode(), "text/html", code=code,
                         validators=False, extra=[("Location", location)])

    def do_redirect(self, n, q):
        if not 1 <= n <= 1000:
            raise BadRequest("redirect count must be 1..1000")
        to = q.get("to", "/feed/1")
        if n == 1:
            return self.redirect(q, to)
        keep = "".join("%s=%s&" % (k, quote(q[k], safe=""))
                       for k in ("code", "rel") if k in q)
        self.redirect(q, "/redirect/%d?%sto=%s" % (n - 1, keep,
                                                  quote(to, safe="/:")))

    def do_redirect_loop(self, q):
        self.redirect(q, self.path)

    def do_redirect_to(self, q):
        if "url" not in q:
            raise BadRequest("url= is missing")
        self.redirect(dict(q, rel="1"), q["url"])

    def do_endless(self, q):
        self.send_stream(200, RSS_TYPE, [], endless_body(), None)

    def do_oversized(self, q):
        total = qmib(q, 10, 100000)
        self.send_stream(200, RSS_TYPE, [], oversized_body(total), total)

    def do_gzip_bomb(self, q):
        size = qmib(q, 10, 10240)
        fill = q.get("fill", "zero")
        enc = q.get("enc", "gzip")
        if fill not in ("zero", "space") or enc not in ("gzip", "deflate"):
            raise BadRequest("fill=zero|space, enc=gzip|deflate")
        data = bomb(size, fill, enc)
        self.encoding = enc
        self.send_stream(200, RSS_TYPE, [("Content-Encoding", enc)], [data],
                         len(data))

    def do_huge_headers(self, q):
        total = qint(q, "kb", 64, 0, 100000) * 1024
        line = qint(q, "line", 1000, 0, 10 ** 7) or max(total, 32)
        if line < 16:
            raise BadRequest("line must be 0 or at least 16")
        extra, k = [], 0
        while total > 0:
            k += 1
            name = "X-Filler-%05d" % k
            # name + ": " + value + CRLF makes one line of `line` bytes
            extra.append((name, "x" * max(1, min(line, total) - len(name) - 4)))
            total -= line
        self.send_entity(make_feed(1, 5, None), RSS_TYPE, mtime=FEED_EPOCH,
                         extra=extra)

    def control(self, path, q):
        if path == "/__stats":
            body = json.dumps(STATS.snapshot(), indent=1, sort_keys=True)
            return self.send_plain(200, body + "\n", "application/json")
        if path == "/__reset":
            with STATS.lock:
                STATS.reset()
            return self.send_plain(200, "ok\n", "text/plain")
        if path == "/__headers":
            hdrs = STATS.headers_of(q.get("path"))
            if hdrs is None:
                return self.send_plain(404, "no such request\n", "text/plain")
            text = "".join("%s: %s\n" % kv for kv in hdrs.items())
            return self.send_plain(200, text, "text/plain")
        self.send_plain(404, "unknown control path\n", "text/plain")

    # --- response machinery -----------------------------------------------

    def send_plain(self, code, text, ctype):
        """Plain response for control paths: no switches apply."""
        self.q = {}
        self.send_stream(code, ctype, [], [text.encode()], len(text.encode()))

    def not_modified(self, etag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            if etag is None:
                return False
            # weak comparison, and any content-coding of the same content
            bare = [re.sub(r'^(W/)?"?|-(gzip|deflate)"?$|"$', "", t.strip())
                    for t in inm.split(",") + [etag]]
            return bare[-1] in bare[:-1] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims is None or mtime is None:
            return False
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(
                ims).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def send_entity(self, body, ctype, code=200, validators=True, mtime=None,
                    extra=()):
        """Send an in-memory body with validators, 304 and compression."""
        q, hdrs = self.q, list(extra)
        etag = lastmod = None
        if validators:
            if q.get("no_etag") != "1":
                etag = '"%s"' % hashlib.sha256(body).hexdigest()[:24]
            if q.get("no_lastmod") != "1" and mtime is not None:
                lastmod = http_date(mtime)
        enc = None
        if validators or code == 200:
            forced = q.get("encode")
            if forced not in (None, "gzip", "deflate", "identity"):
                raise BadRequest("encode=gzip|deflate|identity")
            enc = forced if forced else choose_encoding(
                self.headers.get("Accept-Encoding"))
            enc = None if enc == "identity" else enc
        if etag and enc:
            etag = etag[:-1] + "-" + enc + '"'
        if etag:
            hdrs.append(("ETag", etag))
        if lastmod:
            hdrs.append(("Last-Modified", lastmod))
        if validators and code == 200 and self.not_modified(
                etag, mtime if lastmod else None):
            self.send_response(304)
            for k, v in hdrs:
                self.send_header(k, v)
            self.end_headers()
            return
        if enc and body:
            body = compress(body, enc)
            hdrs += [("Content-Encoding", enc), ("Vary", "Accept-Encoding")]
            self.encoding = enc
        self.send_stream(code, ctype, hdrs, [body], len(body))

    def send_stream(self, code, ctype, hdrs, chunks, length):
        """Send headers then chunks, applying the framing and pace switches."""
        q = self.q
        lie = q.get("content_length")
        if lie is not None and not re.fullmatch(r"\d{1,30}", lie):
            raise BadRequest("content_length: digits only")
        bps = qint(q, "slow", 0, 0, 10 ** 9)
        http11 = self.request_version == "HTTP/1.1"
        chunked = http11 and lie is None and (
            q.get("chunked") == "1" or (length is None and
                                        q.get("chunked") != "0"))
        close = lie is not None or q.get("close") == "1" or (
            length is None and not chunked)
        self.send_response(code)
        if code not in (204, 304):
            t = q.get("type", ctype)
            if "charset" in q:
                t += "; charset=" + q["charset"]
            self.send_header("Content-Type", t)
        for k, v in hdrs:
            self.send_header(k, v)
        if lie is not None:
            self.send_header("Content-Length", lie)
        elif chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif length is not None and code not in (204, 304):
            self.send_header("Content-Length", str(length))
        if close:
            self.send_header("Connection", "close")
        self._headers_buffer.append(b"\r\n")
        self.hdr_pending = True
        if self.command == "HEAD" or code in (204, 304):
            return self.emit(b"")
        if bps:
            self.emit(b"")  # headers at once, the body at its pace
            chunks = paced(chunks, bps)
        for data in chunks:
            step = 8192 if chunked else max(len(data), 1)
            for i in range(0, len(data), step):
                part = data[i:i + step]
                self.emit(b"%x\r\n%s\r\n" % (len(part), part) if chunked
                          else part)
                self.sent += len(part)
        self.emit(b"0\r\n\r\n" if chunked else b"")

    def emit(self, data):
        """Write data, preceded by the pending headers (one write)."""
        if self.hdr_pending:
            data = b"".join(self._headers_buffer) + data
            self._headers_buffer = []
            self.hdr_pending = False
        if data:
            self.wfile.write(data)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def setup_log(self, path):
        self.log_lock = threading.Lock()
        self.logf = open(path, "a", buffering=1) if path else None
        self.conn_seq = 0

    def next_conn_id(self):
        with self.log_lock:
            self.conn_seq += 1
            return self.conn_seq

    def log(self, line):
        if self.logf is None:
            return
        stamp = time.strftime("%H:%M:%S", time.localtime())
        with self.log_lock:
            self.logf.write("%s.%03d %s\n" % (stamp, int(time.time() * 1000) %
                                              1000, line))

    def handle_error(self, request, client_address):
        # a client that went away is normal here: no traceback on stderr
        exc = sys.exc_info()[1]
        self.log("connection error %r" % exc)
        if not isinstance(exc, CONN_ERRORS):
            sys.stderr.write("server.py: connection error %r\n" % exc)


def write_port_file(path, port):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 2)[2],
        usage="%(prog)s --root DIR --port-file FILE [--port 0] "
              "[--max-seconds N] [--log FILE]",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True, help="directory of files served")
    ap.add_argument("--port-file", help="write the port here once listening")
    ap.add_argument("--port", type=int, default=0, help="0: any free port")
    ap.add_argument("--max-seconds", type=float, default=120.0,
                    help="exit by itself after this long (default 120)")
    ap.add_argument("--log", help="append one line per request to this file")
    args = ap.parse_args()
    if not os.path.isdir(args.root):
        ap.error("--root %s: not a directory" % args.root)
    if not 0 < args.max_seconds <= 86400:
        ap.error("--max-seconds must be in (0, 86400]")
    try:
        srv = Server(("127.0.0.1", args.port), Handler)
    except OSError as e:
        sys.stderr.write("server.py: 127.0.0.1:%d: %s\n" % (args.port, e))
        return 2
    srv.root = os.path.realpath(args.root)
    srv.setup_log(args.log)
    port = srv.server_address[1]
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: done.set())
    if args.port_file:
        write_port_file(args.port_file, port)
    srv.log("listening on http://127.0.0.1:%d/ root=%s pid=%d" % (
        port, srv.root, os.getpid()))
    t = threading.Thread(target=srv.serve_forever,
                         kwargs={"poll_interval": 0.1}, daemon=True)
    t.start()
    timed_out = not done.wait(args.max_seconds)
    if timed_out:
        sys.stderr.write("server.py: --max-seconds %g reached, exiting\n"
                         % args.max_seconds)
    srv.log("exiting (%s)" % ("max-seconds" if timed_out else "signal"))
    srv.shutdown()
    srv.server_close()
    sys.stderr.flush()
    # handler threads may be blocked in a write or an endless stream
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
