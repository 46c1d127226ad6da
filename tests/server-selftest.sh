#!/bin/sh
# Self-test of tests/server.py, the loopback HTTP server that the integration
# tests start: run it on a temporary root with a fixture feed, check each
# behaviour briefly with curl(1), stop it by pid and check that it exited.
# Exit status: 0 pass, 1 failure, 77 skip (no python3 or curl), 99 hard error.

srcdir=${srcdir:-$(dirname "$0")/..}
server=$srcdir/tests/server.py

for tool in python3 curl; do
	command -v $tool >/dev/null 2>&1 || { echo "SKIP: no $tool"; exit 77; }
done
[ -r "$server" ] || { echo "ERROR: $server not found"; exit 99; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssnews-server-selftest.XXXXXX") || exit 99
pid=
pid2=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	[ -n "$pid2" ] && kill "$pid2" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 99' HUP INT TERM

. "$srcdir/tests/tap.sh"
# fge A B: A >= B as decimal numbers
fge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }' ||
    { echo "# got '$1', want >= $2"; return 1; }; }

wfmt='%{http_code} %{num_redirects} %{size_download} %{time_total}'
wfmt="$wfmt %{size_header}"
# get PATH [CURL-ARGS...]: fetch base URL + PATH into body/hdr files; sets
# rc (curl's status), code, nred (redirects followed), size (body bytes
# received), ttot (seconds) and hsize (header bytes)
get() {
	p=$1; shift
	curl -q --noproxy '*' -s --max-time 5 -o "$tmp/body" -D "$tmp/hdr" \
	    -w "$wfmt" \
	    "$@" "$base$p" >"$tmp/w" 2>/dev/null
	rc=$?
	read -r code nred size ttot hsize <"$tmp/w"
}
# hdr NAME: the last value of response header NAME in the last get
hdr() {
	awk -v n="$1" 'BEGIN { n = tolower(n) }
	    { sub(/\r$/, ""); i = index($0, ":")
	      if (i > 1 && tolower(substr($0, 1, i - 1)) == n) {
	        v = substr($0, i + 1); sub(/^[ \t]*/, "", v) } }
	    END { print v }' "$tmp/hdr"
}

mkdir "$tmp/root" "$tmp/root2" || exit 99
cat >"$tmp/root/feed.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fixture</title>
<item><title>One</title><guid>fixture-1</guid></item>
</channel></rss>
EOF
fixture=$tmp/root/feed.xml
fsize=$(wc -c <"$fixture" | tr -d ' ')

# a second server that must go away by itself (--max-seconds)
python3 "$server" --root "$tmp/root2" --port-file "$tmp/port2" \
    --max-seconds 1 2>"$tmp/err2" &
pid2=$!
python3 "$server" --root "$tmp/root" --port-file "$tmp/port" \
    --max-seconds 30 --log "$tmp/log" 2>"$tmp/err" &
pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$tmp/port" ]; then
	echo "ERROR: server did not start"; cat "$tmp/err"; exit 99
fi
port=$(cat "$tmp/port")
base=http://127.0.0.1:$port
echo "# server pid $pid at $base"

# --- files, validators, encodings ----------------------------------------
get /feed.xml
check "file 200" eq "$code" 200
check "file body" cmp -s "$tmp/body" "$fixture"
check "file Content-Type" eq "$(hdr Content-Type)" application/xml
etag=$(hdr ETag)
lastmod=$(hdr Last-Modified)
check "file ETag is strong" has '^"[0-9a-f]*"$' <<EOF
$etag
EOF
check "file Last-Modified" has 'GMT$' <<EOF
$lastmod
EOF
get /feed.xml -H "If-None-Match: $etag"
check "If-None-Match gives 304" eq "$code" 304
check "304 has no body" eq "$size" 0
get /feed.xml -H "If-Modified-Since: $lastmod"
check "If-Modified-Since gives 304" eq "$code" 304
get /feed.xml -H 'If-None-Match: "other"' -H "If-Modified-Since: $lastmod"
check "If-None-Match wins over If-Modified-Since" eq "$code" 200
get /feed.xml -H 'If-Modified-Since: Thu, 01 Jan 1998 00:00:00 GMT'
check "old If-Modified-Since gives 200" eq "$code" 200
get /feed.xml -H 'Accept-Encoding: gzip'
check "gzip Content-Encoding" eq "$(hdr Content-Encoding)" gzip
check "gzip body is gzip" eq "$(od -An -tx1 -N2 "$tmp/body" | tr -d ' ')" 1f8b
gz_etag=$(hdr ETag)
get /feed.xml --compressed -H 'Accept-Encoding: gzip'
check "gzip body inflates to the file" cmp -s "$tmp/body" "$fixture"
get /feed.xml -H 'Accept-Encoding: gzip' -H "If-None-Match: $gz_etag"
check "gzip ETag gives 304" eq "$code" 304
get /feed.xml --compressed -H 'Accept-Encoding: deflate'
check "deflate Content-Encoding" eq "$(hdr Content-Encoding)" deflate
check "deflate body inflates to the file" cmp -s "$tmp/body" "$fixture"
get /feed.xml -H 'Accept-Encoding: gzip;q=0, identity'
check "gzip;q=0 is not compressed" cmp -s "$tmp/body" "$fixture"
get /feed.xml --head
check "HEAD 200" eq "$code" 200
check "HEAD Content-Length" eq "$(hdr Content-Length)" "$fsize"
get '/feed.xml?type=text/plain&charset=iso-8859-1'
check "type and charset" eq "$(hdr Content-Type)" \
    "text/plain; charset=iso-8859-1"
get /missing.xml
check "missing file 404" eq "$code" 404
get /../../../../etc/passwd --path-as-is
check "no escape from the root" eq "$code" 404

# --- statuses and redirects ----------------------------------------------
get /status/404
check "status 404" eq "$code" 404
get '/status/503?retry_after=7'
check "status 503" eq "$code" 503
check "Retry-After" eq "$(hdr Retry-After)" 7
get /status/429
check "status 429" eq "$code" 429
get /status/99
check "status out of range is 400" eq "$code" 400
get '/redirect/3?to=/feed.xml' -L
check "redirect chain ends 200" eq "$code" 200
check "redirect chain length" eq "$nred" 3
check "redirect chain body" cmp -s "$tmp/body" "$fixture"
get '/redirect/2?code=301&to=/feed/1?items=2&change=x'
check "redirect code=301" eq "$code" 301
get '/redirect/2?code=308&to=/feed/1?items=2&change=x' -L
check "redirect 308 with a query in to=" has 'changed x' "$tmp/body"
get /redirect-loop -L --max-redirs 5
check "redirect loop hits --max-redirs" eq "$rc" 47
get '/redirect-to?url=file:///etc/passwd'
check "redirect-to 302" eq "$code" 302
check "redirect-to Location" eq "$(hdr Location)" file:///etc/passwd

# --- framing, lies and pace ----------------------------------------------
get '/feed.xml?chunked=1'
check "chunked Transfer-Encoding" eq "$(hdr Transfer-Encoding)" chunked
check "chunked body" cmp -s "$tmp/body" "$fixture"
get '/feed.xml?content_length=5000000000'
check "long lying length: curl sees a partial body" eq "$rc" 18
check "long lying length: whole real body sent" eq "$size" "$fsize"
get '/feed.xml?content_length=10'
check "short lying length" eq "$size" 10
get '/feed.xml?delay_ms=400'
check "delay_ms" fge "$ttot" 0.4
get '/feed.xml?slow=400'
check "slow body arrives whole" cmp -s "$tmp/body" "$fixture"
check "slow body takes its time" fge "$ttot" 0.2
get '/feed.xml?slow=1' --max-time 1
check "1 byte/s times out" eq "$rc" 28
check "1 byte/s sent a byte or two" le "$size" 2
get /endless --max-time 1
check "endless times out" eq "$rc" 28
check "endless sent something" ge "$size" 200
check "endless looks like a feed" has '<rss' "$tmp/body"

# --- generated bodies ----------------------------------------------------
get '/oversized?mb=0.5'
check "oversized size" eq "$size" 524288
check "oversized Content-Length" eq "$(hdr Content-Length)" 524288
cp "$tmp/body" "$tmp/oversized.xml"
get '/gzip-bomb?mb=4'
check "gzip-bomb is small" le "$size" 20000
check "gzip-bomb Content-Encoding" eq "$(hdr Content-Encoding)" gzip
get '/gzip-bomb?mb=4&fill=space' --compressed
check "gzip-bomb inflates" ge "$(wc -c <"$tmp/body")" 4194304
check "oversized and gzip-bomb fill=space are well-formed XML" python3 -c \
    'import sys, xml.parsers.expat as e
for f in sys.argv[1:]: e.ParserCreate().Parse(open(f, "rb").read(), True)' \
    "$tmp/oversized.xml" "$tmp/body"
get '/huge-headers?kb=64'
check "huge headers" ge "$hsize" 65536
check "huge headers then a body" has '<rss' "$tmp/body"
get /html
check "html Content-Type" eq "$(hdr Content-Type)" text/html
get /feed/3
check "feed/N type" eq "$(hdr Content-Type)" application/rss+xml
check "feed/N has 5 items" eq "$(grep -c '<item>' "$tmp/body")" 5
check "feed/N titles" has '<title>Feed 3 item 5</title>' "$tmp/body"
cp "$tmp/body" "$tmp/feed3"
feed3_etag=$(hdr ETag)
get /feed/3
check "feed/N is deterministic" cmp -s "$tmp/body" "$tmp/feed3"
get '/feed/3?items=2'
check "feed/N items=2" eq "$(grep -c '<item>' "$tmp/body")" 2
get '/feed/3?change=1'
check "feed/N change=1 guid" has 'ssnews-test-feed-3-item-1-v1' "$tmp/body"
check "feed/N change=1 ETag differs" test "$(hdr ETag)" != "$feed3_etag"

# --- counters ------------------------------------------------------------
snap
check "aborted requests counted" ge "$(sget aborted)" 1
check "304s counted" ge "$(sget not_modified)" 3
curl -q --noproxy '*' -s --max-time 5 "$base/__reset" >/dev/null
curl -q --noproxy '*' -s --max-time 5 -o /dev/null -o /dev/null -o /dev/null \
    -A 'ssnews-selftest/1' -H 'If-None-Match: "abc"' --compressed \
    "$base/feed/1" "$base/feed/2" "$base/status/404"
snap
check "stats requests" eq "$(sget requests)" 3
check "stats keep-alive: one connection" eq "$(sget connections)" 1
check "stats by status" eq "$(sget 'by_status|200')" 2
check "stats User-Agent" eq \
    "$(sget 'last_headers|/feed/1|User-Agent')" ssnews-selftest/1
check "stats If-None-Match" eq \
    "$(sget 'last_headers|/feed/2|If-None-Match')" '"abc"'
curl -q --noproxy '*' -s --max-time 5 "$base/__headers?path=/feed/1" \
    >"$tmp/headers"
check "__headers Accept-Encoding" has '^Accept-Encoding: .*gzip' "$tmp/headers"
curl -q --noproxy '*' -s --max-time 5 "$base/__reset" >/dev/null
pids=
for i in 1 2 3 4 5 6; do
	curl -q --noproxy '*' -s --max-time 5 -o /dev/null \
	    "$base/feed/$i?delay_ms=1000" &
	pids="$pids $!"
done
wait $pids
snap
check "stats max_concurrent" ge "$(sget max_concurrent)" 4
check "stats connections" eq "$(sget connections)" 6

# --- robustness and stopping ---------------------------------------------
check "server survived the aborted clients" kill -0 "$pid"
check "no traceback on stderr" test ! -s "$tmp/err"
kill "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	not_ok "server exits on SIGTERM"
else
	wait "$pid"
	check "server exits 0 on SIGTERM" eq "$?" 0
	pid=
fi
check "one log line per request" ge "$(grep -c '"GET \|"HEAD ' "$tmp/log")" 60
check "log notes aborted clients" has 'aborted' "$tmp/log"
if kill -0 "$pid2" 2>/dev/null; then
	not_ok "server exits after --max-seconds"
else
	wait "$pid2"
	check "server exits 0 after --max-seconds" eq "$?" 0
	pid2=
fi

tap_end
