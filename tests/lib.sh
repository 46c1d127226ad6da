# Shared by the shell tests that drive ssnews against tests/server.py:
# a private environment, the loopback server, TAP-style results, runs of
# the binary with their output, status and time, and the server's counters.
# Sourced, not run; POSIX sh.  The caller sets NAME (used in temp names)
# before sourcing it.
#
# Environment: SSNEWS, the binary; srcdir, the source tree (automake);
# STORE_UNIT, tests/store-unit (default: beside SSNEWS).

# shellcheck disable=SC2317 # (functions called through check)
SSNEWS=${SSNEWS:-./ssnews}
srcdir=${srcdir:-$(dirname "$0")/..}
server=$srcdir/tests/server.py
STORE_UNIT=${STORE_UNIT:-$(dirname "$SSNEWS")/tests/store-unit}

command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
[ -x "$SSNEWS" ] || { echo "ERROR: no binary at $SSNEWS"; exit 99; }
[ -r "$server" ] || { echo "ERROR: $server not found"; exit 99; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssnews-$NAME.XXXXXX") || exit 99
tmp=$(cd "$tmp" && pwd -P)
server_pid=
lib_cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	[ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null
	[ -n "${KEEP_TMP:-}" ] && { echo "# kept $tmp"; return; }
	rm -rf "$tmp"
}
trap lib_cleanup EXIT
trap 'exit 99' HUP INT TERM

# A private home: no user configuration, cache, proxy or locale leaks in.
mkdir "$tmp/home" || exit 99
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/home/.config
XDG_DATA_HOME=$tmp/home/.local/share
LC_ALL=C.UTF-8
LANGUAGE=
no_proxy=127.0.0.1
NO_PROXY=127.0.0.1
export HOME XDG_CONFIG_HOME XDG_DATA_HOME LC_ALL LANGUAGE no_proxy NO_PROXY
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    BROWSER 2>/dev/null

# --- results ------------------------------------------------------------
. "$srcdir/tests/tap.sh"
# finish: the plan line and the exit status; the server must not have
# reported an error of its own
finish() {
	if [ -n "$server_pid" ]; then
		check "the server is still up" kill -0 "$server_pid"
		check "the server wrote no error" test ! -s "$tmp/server.err"
	fi
	tap_end
}

# --- time ---------------------------------------------------------------
if [ "$(date +%N)" != N ] && [ -n "$(date +%N)" ]; then
	now_ms() { now_ns=$(date +%s%N); echo "${now_ns%??????}"; }
else
	now_ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }
fi
now_s() { date +%s; }
# msleep MS: sleep some milliseconds
msleep() { sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"; }

# --- the server ---------------------------------------------------------
# server_start ROOT [MAX-SECONDS]: sets port and base
server_start() {
	python3 "$server" --root "$1" --port-file "$tmp/port" \
	    --max-seconds "${2:-110}" --log "$tmp/server.log" \
	    2>"$tmp/server.err" &
	server_pid=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
	if [ ! -s "$tmp/port" ]; then
		echo "ERROR: server did not start"; cat "$tmp/server.err"
		exit 99
	fi
	port=$(cat "$tmp/port")
	base=http://127.0.0.1:$port
	echo "# server pid $server_pid at $base"
}

# --- ssnews -------------------------------------------------------------
# conf FILE [LINE]...: a configuration with short timeouts (each LINE
# "option value" replaces the default of that option or adds one)
conf() {
	f=$1; shift
	: >"$f"
	for d in "download-timeout 3" "stall-timeout 2" "connect-timeout 2" \
	    "max-download-size 1M"; do
		for l in "$@"; do
			[ "${l%% *}" = "${d%% *}" ] && continue 2
		done
		echo "$d" >>"$f"
	done
	for l in "$@"; do echo "$l" >>"$f"; done
}
# use NAME: point urls, cache and config at $tmp/NAME.{urls,cache,conf}
use() {
	urls=$tmp/$1.urls
	cache=$tmp/$1.cache
	config=$tmp/$1.conf
	[ -f "$config" ] || conf "$config"
}
# shellcheck disable=SC2034
# run ARGS...: ssnews with the current urls, cache and config; sets
# status and ms (elapsed), output in $tmp/out and $tmp/err
run() {
	run_t0=$(now_ms)
	"$SSNEWS" -u "$urls" -c "$cache" -C "$config" "$@" \
	    >"$tmp/out" 2>"$tmp/err"
	status=$?
	ms=$(($(now_ms) - run_t0))
}
# unread: the count printed by -x print-unread (empty on failure)
unread() {
	"$SSNEWS" -u "$urls" -c "$cache" -C "$config" -x print-unread \
	    2>"$tmp/unread.err" | sed -n 's/^\([0-9]*\) unread articles*$/\1/p'
}
# unit ARGS...: tests/store-unit on the current cache and urls
unit() { "$STORE_UNIT" "$cache" "$urls" "$@"; }
need_unit() {
	[ -x "$STORE_UNIT" ] && return 0
	echo "ERROR: no $STORE_UNIT (make check builds it)"; exit 99
}
# summary: the "N feeds, M new articles, K errors" line of the last run
summary() { grep -E '^[0-9]+ feeds?, ' "$tmp/err" | tail -1; }
# feedline URL: the index's F line of URL (TAB-separated, "F" first)
feedline() { awk -F '\t' -v u="$1" '$1 == "F" && $2 == u' "$cache/index"; }
# ffield URL N: field N of that F line (2 url ... 9 etag, 10 last-modified,
# 11 last-ok, 12 last-try, 13 retry-after, 14 error, 15 moved-to)
ffield() {
	awk -F '\t' -v u="$1" -v n="$2" '$1 == "F" && $2 == u { print $n }' \
	    "$cache/index"
}
# errline URL: the "ssnews: URL: message" line of the last run
errline() {
	grep -F -e "ssnews: $1: " "$tmp/err" | head -1
}
