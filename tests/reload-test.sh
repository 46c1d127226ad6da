#!/bin/sh
# -x reload, -x print-unread and --dump against tests/server.py on
# 127.0.0.1: plain, gzip and chunked bodies, 304 through ETag and through
# Last-Modified, a feed that changes, redirect chains, loops and refused
# schemes, error statuses, Retry-After, slow, endless, oversized and
# compressed-bomb bodies, huge headers, lying lengths, HTML, the summary
# and exit statuses, urls file errors, max-items and keep-articles-days.
# Exit status: 0 pass, 1 failure, 77 skip (no python3), 99 hard error.
#
# Environment: SSNEWS, the binary; srcdir, the source tree; STORE_UNIT.

# shellcheck disable=SC2317 # (functions called through check)
NAME=reload-test
srcdir=${srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/lib.sh"
need_unit

data=$(cd "$srcdir/tests/data/reload" && pwd -P) || exit 99
version=$("$SSNEWS" -V | sed -n '1s/^ssnews //p')
mkdir "$tmp/root" || exit 99
cp "$data/secret.xml" "$tmp/root/secret.xml" || exit 99
server_start "$tmp/root"

# between V LO HI: LO <= V <= HI
between() {
	[ "$1" -ge "$2" ] 2>/dev/null && [ "$1" -le "$3" ] && return 0
	echo "# got '$1', want $2..$3"; return 1
}
# nerrors: how many "ssnews: URL: message" lines the last run printed
nerrors() { grep -c '^ssnews: http' "$tmp/err"; }
# nocache: the last command left no cache directory behind
nocache() {
	[ ! -e "$cache" ] && return 0
	echo "# $cache exists:"; find "$cache" | sed 's/^/#   /'; return 1
}

# --- 200, gzip, chunked, then 304 via ETag and via Last-Modified ----------
use cond
cat >"$urls" <<EOF
$base/feed/1
$base/feed/2?chunked=1
$base/feed/3?no_etag=1
$base/feed/4?no_lastmod=1
$base/feed/5?encode=identity
EOF
stats_reset
run -x reload
check "first reload: exit status 0" eq "$status" 0
check "first reload: summary" eq "$(summary)" \
    "5 feeds, 25 new articles, 0 errors"
check "first reload: no per-feed error line" hasnt '^ssnews: ' "$tmp/err"
check "first reload: 25 unread" eq "$(unread)" 25
snap
check "first reload: five 200s" eq "$(sgetn 'by_status|200')" 5
check "first reload: unconditional requests" eq \
    "$(sget 'last_headers|/feed/1|If-None-Match')" ""
check "User-Agent is ssnews/VERSION" eq \
    "$(sget 'last_headers|/feed/1|User-Agent')" "ssnews/$version"
check "Accept-Encoding offers gzip" like \
    "$(sget 'last_headers|/feed/1|Accept-Encoding')" '*gzip*'
check "gzip bodies were sent and parsed" ge "$(sgetn 'encoded|gzip')" 4
check "chunked and gzip feed 2 parsed" eq \
    "$(unit count "$base/feed/2?chunked=1")" "5 5"
etag1=$(ffield "$base/feed/1" 9)
lm1=$(ffield "$base/feed/1" 10)
etag4=$(ffield "$base/feed/4?no_lastmod=1" 9)
check "index: ETag of feed 1 kept" like "$etag1" '"*"'
check "index: Last-Modified of feed 1 kept" eq "$lm1" \
    "Mon, 01 Jan 2024 12:00:00 GMT"
check "index: no ETag for a feed without one" eq \
    "$(ffield "$base/feed/3?no_etag=1" 9)" ""
check "index: no Last-Modified for a feed without one" eq \
    "$(ffield "$base/feed/4?no_lastmod=1" 10)" ""
check "index: last-ok set" like "$(ffield "$base/feed/1" 11)" '[0-9]*[0-9]'
check "index: no error" eq "$(ffield "$base/feed/1" 14)" ""
check "index: format" eq "$(ffield "$base/feed/1" 7)" "rss2.0"
check "index: title" eq "$(ffield "$base/feed/1" 3)" "Feed 1"

stats_reset
run -x reload
check "second reload: exit status 0" eq "$status" 0
check "second reload: summary" eq "$(summary)" \
    "5 feeds, 0 new articles, 0 errors"
snap
check "second reload: five 304s" eq "$(sgetn not_modified)" 5
check "second reload: no 200" eq "$(sgetn 'by_status|200')" 0
check "If-None-Match sent" eq \
    "$(sget 'last_headers|/feed/1|If-None-Match')" "$etag1"
check "If-Modified-Since sent" eq \
    "$(sget 'last_headers|/feed/1|If-Modified-Since')" "$lm1"
check "304 via Last-Modified alone: no If-None-Match" eq \
    "$(sget 'last_headers|/feed/3|If-None-Match')" ""
check "304 via Last-Modified alone: If-Modified-Since" eq \
    "$(sget 'last_headers|/feed/3|If-Modified-Since')" \
    "Mon, 01 Jan 2024 12:00:00 GMT"
check "304 via ETag alone: If-None-Match" eq \
    "$(sget 'last_headers|/feed/4|If-None-Match')" "$etag4"
check "304 via ETag alone: no If-Modified-Since" eq \
    "$(sget 'last_headers|/feed/4|If-Modified-Since')" ""
check "304: the ETag stays in the index" eq "$(ffield "$base/feed/1" 9)" \
    "$etag1"
check "304: still 25 unread" eq "$(unread)" 25

# --- a feed that changes between reloads ----------------------------------
use change
cp "$data/feed-v1.xml" "$tmp/root/changing.xml"
echo "$base/changing.xml" >"$urls"
run -x reload
check "changing feed, v1: summary" eq "$(summary)" \
    "1 feed, 3 new articles, 0 errors"
check "changing feed: mark A read" eq \
    "$(unit mark-read "$base/changing.xml" reload-a)" "ok reload-a"
check "changing feed: 2 unread after marking" eq "$(unread)" 2
cp "$data/feed-v2.xml" "$tmp/root/changing.xml"
run -x reload
check "changing feed, v2: exactly the 2 new items" eq "$(summary)" \
    "1 feed, 2 new articles, 0 errors"
check "changing feed, v2: 4 unread" eq "$(unread)" 4
check "changing feed, v2: items newest first" eq \
    "$(unit ids "$base/changing.xml" | tr '\n' ' ')" \
    "reload-e reload-d reload-a reload-b reload-c "
check "changing feed, v2: A is still read" eq \
    "$(unit read-ids "$base/changing.xml")" reload-a
check "changing feed, v2: A's new text" eq \
    "$(unit body "$base/changing.xml" reload-a)" "Text of A, second version."
run -x reload
check "changing feed, unchanged since: nothing new" eq "$(summary)" \
    "1 feed, 0 new articles, 0 errors"

# --- failing feeds beside good ones; exit statuses; -q --------------------
use mixed
cat >"$urls" <<EOF
$base/feed/6
$base/status/404
$base/feed/7
$base/status/500
$base/html
EOF
run -x reload
check "mixed: exit status 0" eq "$status" 0
check "mixed: summary" eq "$(summary)" "5 feeds, 10 new articles, 3 errors"
check "mixed: one line per failing feed" eq "$(nerrors)" 3
check "mixed: 404 named" like "$(errline "$base/status/404")" \
    "ssnews: $base/status/404: *404*"
check "mixed: 500 named" like "$(errline "$base/status/500")" \
    "ssnews: $base/status/500: *500*"
check "mixed: HTML is not a feed" like "$(errline "$base/html")" \
    "ssnews: $base/html: *not a feed*"
check "mixed: the good feeds are all there" eq "$(unread)" 10
check "mixed: error kept in the index" like \
    "$(ffield "$base/status/404" 14)" "HTTP 404*"
run -q -x reload
check "-q: exit status 0" eq "$status" 0
check "-q: no summary" eq "$(summary)" ""
use allfail
printf '%s\n' "$base/status/404" "$base/status/410" >"$urls"
run -x reload
check "all failing: exit status 1" eq "$status" 1
check "all failing: summary" eq "$(summary)" "2 feeds, 0 new articles, 2 errors"
run -q -x reload
check "all failing, -q: exit status 1" eq "$status" 1
check "all failing, -q: no summary" eq "$(summary)" ""
use empty
: >"$urls"
run -x reload
check "no feeds: exit status 0" eq "$status" 0
check "no feeds: summary" eq "$(summary)" "0 feeds, 0 new articles, 0 errors"

# --- feeds of one slow host are fetched side by side -----------------------
# (the loopback host is exempt from max-per-host; a second feed must not
# wait for the first one's connection)
use samehost
printf '%s\n' "$base/feed/30?delay_ms=1200" "$base/feed/31?delay_ms=1200" \
    "$base/feed/32?delay_ms=1200" >"$urls"
stats_reset
run -x reload
snap
check "one host, three slow feeds: all fetched" eq "$(summary)" \
    "3 feeds, 15 new articles, 0 errors"
check "one host: fetched at the same time" eq "$(sgetn max_concurrent)" 3

# --- redirects ------------------------------------------------------------
use redir
cat >"$urls" <<EOF
$base/redirect/3?to=/feed/8
$base/redirect/2?rel=1&to=/feed/9
$base/redirect/2?code=301&to=/feed/10
$base/redirect/1?code=308&to=/feed/11
$base/redirect-to?code=301&url=$base/redirect/1?to=/feed/12
$base/redirect/8?to=/feed/13
$base/redirect/9?to=/feed/14
$base/redirect-loop
$base/redirect-to?url=file:///etc/passwd
$base/redirect-to?url=file://$tmp/root/secret.xml
$base/redirect-to?url=ftp://127.0.0.1:$port/secret.xml
$base/redirect-to?url=gopher://127.0.0.1:$port/secret.xml
EOF
run -x reload
check "redirects: exit status 0" eq "$status" 0
check "redirects: summary" eq "$(summary)" \
    "12 feeds, 30 new articles, 6 errors"
check "302 chain followed" eq "$(unit count "$base/redirect/3?to=/feed/8")" \
    "5 5"
check "relative redirects followed" eq \
    "$(unit count "$base/redirect/2?rel=1&to=/feed/9")" "5 5"
check "8 redirects followed" eq \
    "$(unit count "$base/redirect/8?to=/feed/13")" "5 5"
check "9 redirects refused" like "$(errline "$base/redirect/9?to=/feed/14")" \
    '*redirect*'
check "redirect loop: a redirect error" like \
    "$(errline "$base/redirect-loop")" '*redirect*'
check "301 recorded as moved-to" eq \
    "$(ffield "$base/redirect/2?code=301&to=/feed/10" 15)" "$base/feed/10"
check "308 recorded as moved-to" eq \
    "$(ffield "$base/redirect/1?code=308&to=/feed/11" 15)" "$base/feed/11"
check "302 not recorded" eq "$(ffield "$base/redirect/3?to=/feed/8" 15)" ""
check "301 then 302 not recorded" eq \
    "$(ffield "$base/redirect-to?code=301&url=$base/redirect/1?to=/feed/12" \
    15)" ""
for u in "file:///etc/passwd" "file://$tmp/root/secret.xml" \
    "ftp://127.0.0.1:$port/secret.xml" "gopher://127.0.0.1:$port/secret.xml"
do
	case $u in
	file:///etc/*) what=file:///etc/passwd ;;
	*) what="a ${u%%:*}: URL" ;;
	esac
	check "redirect to $what: refused with a clear error" like \
	    "$(errline "$base/redirect-to?url=$u")" \
	    "*redirect*not http or https*"
done
check "nothing of the file:// target in the cache" sh -c \
    "! grep -r -q -e SECRET-7f3a9c '$cache'"
pw=$(head -n 1 /etc/passwd 2>/dev/null)
if [ -n "$pw" ]; then
	check "nothing of /etc/passwd in the cache" sh -c \
	    "! grep -r -q -F -e '$pw' '$cache'"
fi

# --- Retry-After ----------------------------------------------------------
use wait
cat >"$urls" <<EOF
$base/status/503?retry_after=120
$base/status/429?retry_after=120
$base/status/503?retry_after_in=120
$base/status/503
$base/status/503?retry_after=999999
$base/feed/15
EOF
t0=$(now_s)
run -x reload
t1=$(now_s)
check "Retry-After: exit status 0" eq "$status" 0
check "Retry-After: summary" eq "$(summary)" "6 feeds, 5 new articles, 5 errors"
check "503 named" like "$(errline "$base/status/503?retry_after=120")" '*503*'
check "429 named" like "$(errline "$base/status/429?retry_after=120")" '*429*'
check "503 Retry-After seconds kept" between \
    "$(ffield "$base/status/503?retry_after=120" 13)" $((t0 + 115)) \
    $((t1 + 121))
check "429 Retry-After seconds kept" between \
    "$(ffield "$base/status/429?retry_after=120" 13)" $((t0 + 115)) \
    $((t1 + 121))
check "503 Retry-After date kept" between \
    "$(ffield "$base/status/503?retry_after_in=120" 13)" $((t0 + 115)) \
    $((t1 + 122))
check "503 without Retry-After: no wait" eq \
    "$(ffield "$base/status/503" 13)" "-"
check "Retry-After capped at a day" between \
    "$(ffield "$base/status/503?retry_after=999999" 13)" \
    $((t0 + 86400 - 5)) $((t1 + 86400 + 1))
stats_reset
run -x reload
check "next reload: exit status 0" eq "$status" 0
check "next reload: the feeds asked to wait are skipped and said so" eq \
    "$(summary)" "2 feeds, 0 new articles, 1 error (4 feeds asked to wait)"
stale=$(grep -F -e "$base/status/503?" -e "$base/status/429?" "$tmp/err" |
    grep -v -c wait)
check "next reload: no stale error line for the feeds not fetched" eq \
    "$stale" 0
snap
check "next reload: 429 not requested" eq "$(sgetn 'paths|/status/429')" 0
check "next reload: only the 503 without Retry-After requested" eq \
    "$(sgetn 'paths|/status/503')" 1

# --- slow, endless and silent bodies --------------------------------------
use slow
cat >"$urls" <<EOF
$base/feed/16?slow=1
$base/endless
$base/feed/17?delay_ms=8000
EOF
run -x reload
check "slow bodies: dropped within download-timeout 3 s ($ms ms)" le "$ms" 5000
check "slow bodies: exit status 1" eq "$status" 1
check "1 byte/s: timed out" like "$(errline "$base/feed/16?slow=1")" \
    '*timed out*'
check "silent server: timed out" like \
    "$(errline "$base/feed/17?delay_ms=8000")" '*timed out*'
check "endless body: timed out" like "$(errline "$base/endless")" \
    '*timed out*'
check "endless body: a dropped download adds nothing" eq \
    "$(unit count "$base/endless")" "0 0"
check "slow bodies: summary" eq "$(summary)" "3 feeds, 0 new articles, 3 errors"
use stall
conf "$config" "download-timeout 30" "stall-timeout 1"
echo "$base/feed/18?slow=1" >"$urls"
run -x reload
check "1 byte/s: dropped by stall-timeout 1 s ($ms ms)" le "$ms" 2700
check "1 byte/s: timed out" like "$(errline "$base/feed/18?slow=1")" \
    '*timed out*'
use endless
conf "$config" "download-timeout 1" "stall-timeout 30"
echo "$base/endless" >"$urls"
run -x reload
check "endless: dropped by download-timeout 1 s ($ms ms)" le "$ms" 2700

# --- oversized bodies, compression bombs, lying lengths -------------------
use big
cat >"$urls" <<EOF
$base/oversized?mb=3
$base/oversized?mb=3&chunked=1
$base/gzip-bomb?mb=64
$base/gzip-bomb?mb=64&fill=space
$base/gzip-bomb?mb=64&enc=deflate
$base/feed/19?content_length=5000000000
$base/feed/20?content_length=10
$base/feed/21
EOF
fetch '/gzip-bomb?mb=64' >/dev/null	# the server builds it once
rss=
t0=$(now_ms)
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	/usr/bin/time -f %M -o "$tmp/rss" "$SSNEWS" -u "$urls" -c "$cache" \
	    -C "$config" -x reload >"$tmp/out" 2>"$tmp/err"
	status=$?
	rss=$(tail -n 1 "$tmp/rss")
else
	run -x reload
fi
ms=$(($(now_ms) - t0))
check "big bodies: done in $ms ms" le "$ms" 5000
check "big bodies: summary" eq "$(summary)" "8 feeds, 5 new articles, 7 errors"
for p in "oversized?mb=3" "oversized?mb=3&chunked=1" "gzip-bomb?mb=64" \
    "gzip-bomb?mb=64&fill=space" "gzip-bomb?mb=64&enc=deflate"; do
	check "$p: stopped at max-download-size" like \
	    "$(errline "$base/$p")" "*larger than 1024 KiB*"
	check "$p: nothing of it merged" eq "$(unit count "$base/$p")" "0 0"
done
check "Content-Length too long: an error" like \
    "$(errline "$base/feed/19?content_length=5000000000")" "ssnews: *: ?*"
check "Content-Length too short: an error" like \
    "$(errline "$base/feed/20?content_length=10")" "ssnews: *: ?*"
if [ -n "$rss" ] && ldd "$SSNEWS" 2>/dev/null | grep -q libasan; then
	ok "# SKIP max RSS (AddressSanitizer build)"
elif [ -n "$rss" ]; then
	check "big bodies: max RSS $rss KiB < 64 MiB" le "$rss" 65535
else
	ok "# SKIP max RSS (no GNU time)"
fi

# --- huge headers ---------------------------------------------------------
use headers
cat >"$urls" <<EOF
$base/huge-headers?kb=64
$base/huge-headers?kb=2000
$base/huge-headers?kb=200&line=0
EOF
run -x reload
check "huge headers: done in $ms ms" le "$ms" 5000
check "huge headers: summary" eq "$(summary)" \
    "3 feeds, 5 new articles, 2 errors"
check "64 KiB of headers: fine" eq \
    "$(unit count "$base/huge-headers?kb=64")" "5 5"
check "2 MB of headers: a header error" like \
    "$(errline "$base/huge-headers?kb=2000" | tr '[:upper:]' '[:lower:]')" \
    '*header*'
check "one 200 KB header line: an error" like \
    "$(errline "$base/huge-headers?kb=200&line=0")" "ssnews: *: ?*"

# --- --dump over HTTP -----------------------------------------------------
use dump
run --dump=json "$base/feed/22"
check "--dump=json URL: exit status 0" eq "$status" 0
check "--dump=json URL: the feed" python3 -c '
import json, sys
o = [json.loads(l) for l in open(sys.argv[1])]
assert len(o) == 1, o
assert o[0]["source"] == sys.argv[2], o[0]["source"]
assert o[0]["error"] is None, o[0]["error"]
assert o[0]["title"] == "Feed 22", o[0]["title"]
assert [i["id"] for i in o[0]["items"]] == \
    ["ssnews-test-feed-22-item-%d" % k for k in range(1, 6)], o[0]["items"]
' "$tmp/out" "$base/feed/22"
run --dump=json "$base/feed/22" "$base/status/404" "$data/feed-v1.xml"
check "--dump=json URLs and a file: exit status 0" eq "$status" 0
check "--dump=json URLs and a file: in order, errors in place" python3 -c '
import json, sys
o = [json.loads(l) for l in open(sys.argv[1])]
assert len(o) == 3, o
assert o[0]["error"] is None and len(o[0]["items"]) == 5, o[0]
assert "404" in (o[1]["error"] or ""), o[1]
assert o[1]["items"] == [], o[1]
assert o[2]["error"] is None and len(o[2]["items"]) == 3, o[2]
' "$tmp/out"
run --dump=tsv "$base/feed/22"
check "--dump=tsv URL: 5 lines" eq "$(wc -l <"$tmp/out" | tr -d ' ')" 5
run --dump=json "$base/status/404"
check "--dump=json failing URL: exit status 1" eq "$status" 1
cat >"$urls" <<EOF
$base/feed/23
$base/status/404
$base/html
EOF
run --dump=json
check "--dump, configured feeds: exit status 0" eq "$status" 0
check "--dump, configured feeds: in list order" python3 -c '
import json, sys
o = [json.loads(l) for l in open(sys.argv[1])]
assert [x["source"] for x in o] == sys.argv[2:], [x["source"] for x in o]
assert o[0]["error"] is None and len(o[0]["items"]) == 5, o[0]
assert "404" in (o[1]["error"] or ""), o[1]
assert "not a feed" in (o[2]["error"] or ""), o[2]
' "$tmp/out" "$base/feed/23" "$base/status/404" "$base/html"
printf '%s\n' "$base/status/404" "$base/html" >"$urls"
run --dump=json
check "--dump, all configured feeds failing: exit status 1" eq "$status" 1
check "--dump never writes the cache" nocache

# --- the urls and config files: errors stop with status 2 -----------------
use badurls
printf '%s\n' "$base/feed/1" '"http://example.org/unterminated' >"$urls"
stats_reset
run -x reload
check "unterminated quote: exit status 2" eq "$status" 2
check "unterminated quote: FILE:LINE:" fixed "$urls:2: " "$tmp/err"
printf '%s\n' "# a comment" "$base/feed/1" "exec:touch $tmp/pwned" >"$urls"
run -x reload
check "exec: line: exit status 2" eq "$status" 2
check "exec: line: FILE:LINE: and why" like "$(cat "$tmp/err")" \
    "ssnews: $urls:3: *command*"
check "exec: line: nothing run" test ! -e "$tmp/pwned"
printf '%s\n' "filter:/bin/sh:$base/feed/1" >"$urls"
run -x reload
check "filter: line: exit status 2" eq "$status" 2
check "filter: line: FILE:LINE:" fixed "$urls:1: " "$tmp/err"
printf '%s\n' "ftp://127.0.0.1:$port/feed.xml" >"$urls"
run -x reload
check "ftp URL: exit status 2" eq "$status" 2
check "ftp URL: FILE:LINE:" fixed "$urls:1: " "$tmp/err"
printf '%s\n' "$base/feed/1 \"max-items=lots\"" >"$urls"
run -x reload
check "bad per-feed option: exit status 2" eq "$status" 2
check "bad per-feed option: FILE:LINE:" fixed "$urls:1: " "$tmp/err"
snap
check "urls errors: no request made" eq "$(sgetn requests)" 0
check "urls errors: no cache written" nocache
echo "$base/feed/1" >"$urls"
printf '%s\n' "download-timeout 3" "no-such-option 1" >"$config"
run -x reload
check "config error: exit status 2" eq "$status" 2
check "config error: FILE:LINE:" fixed "$config:2: " "$tmp/err"
check "config error: no cache written" nocache
rm -f "$config"
use badurls
run -u "$tmp/no-such.urls" -x reload
check "missing -u file: exit status 2" eq "$status" 2

# --- print-unread ---------------------------------------------------------
use one
echo "$base/feed/24?items=1" >"$urls"
run -x print-unread
check "print-unread, no cache yet: exit status 0" eq "$status" 0
check "print-unread, no cache yet: 0" eq "$(cat "$tmp/out")" \
    "0 unread articles"
run -x reload print-unread
check "reload print-unread: exit status 0" eq "$status" 0
check "reload print-unread: singular" eq "$(cat "$tmp/out")" \
    "1 unread article"
check "reload print-unread: singular summary" eq "$(summary)" \
    "1 feed, 1 new article, 0 errors"

# --- max-items and keep-articles-days -------------------------------------
python3 - "$tmp/root/dated.xml" <<'EOF' || exit 99
import sys, time, email.utils as eu
now = time.time()
items = "".join(
    "<item><title>%d days old</title><guid>d%d</guid><pubDate>%s</pubDate>"
    "</item>\n" % (d, d, eu.formatdate(now - d * 86400 - 3600, usegmt=True))
    for d in (1, 5, 20, 40, 400))
open(sys.argv[1], "w").write(
    '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Dated'
    '</title>\n' + items + '</channel></rss>\n')
EOF
use limits
conf "$config" "max-items 3"
cat >"$urls" <<EOF
$base/feed/25
$base/feed/26 "max-items=2"
$base/feed/27 "max-items=0"
$base/dated.xml?a=1 "keep-articles-days=10"
$base/dated.xml?a=2 "keep-articles-days=30" "max-items=0"
EOF
run -x reload
check "limits: summary" eq "$(summary)" "5 feeds, 15 new articles, 0 errors"
check "max-items 3 (global)" eq "$(unit count "$base/feed/25")" "3 3"
check "max-items 3 keeps the newest" eq \
    "$(unit ids "$base/feed/25" | sed 's/^ssnews-test-feed-25-//' |
    tr '\n' ' ')" "item-1 item-2 item-3 "
check "max-items=2 (per feed)" eq "$(unit count "$base/feed/26")" "2 2"
check "max-items=0 (per feed: no limit)" eq "$(unit count "$base/feed/27")" \
    "5 5"
check "keep-articles-days=10" eq \
    "$(unit ids "$base/dated.xml?a=1" | tr '\n' ' ')" "d1 d5 "
check "keep-articles-days=30" eq \
    "$(unit ids "$base/dated.xml?a=2" | tr '\n' ' ')" "d1 d5 d20 "
run -x reload
check "limits, again: nothing new" eq "$(summary)" \
    "5 feeds, 0 new articles, 0 errors"
use keepdays
conf "$config" "keep-articles-days 7"
echo "$base/dated.xml?a=3" >"$urls"
run -x reload
check "keep-articles-days 7 (global)" eq \
    "$(unit ids "$base/dated.xml?a=3" | tr '\n' ' ')" "d1 d5 "

# --- a file:// feed -------------------------------------------------------
use local
echo "file://$data/feed-v1.xml" >"$urls"
run -x reload
check "file:// feed: summary" eq "$(summary)" "1 feed, 3 new articles, 0 errors"

finish
