# TAP-style results for the shell tests, and the counters of the loopback
# server (tests/server.py at $base): sourced by tests/lib.sh and by
# tests/server-selftest.sh, after they set $tmp.  POSIX sh.

# shellcheck disable=SC2317 # (functions called through check)
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
# check DESCRIPTION COMMAND...: one result line from the command's status
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
# eq/ne/ge/le GOT WANT: compare, saying what was got when it fails
eq() { [ "$1" = "$2" ] && return 0; echo "# got '$1', want '$2'"; return 1; }
ne() { [ "$1" != "$2" ] && return 0; echo "# got '$1' twice"; return 1; }
ge() {
	[ "$1" -ge "$2" ] 2>/dev/null && return 0
	echo "# got '$1', want >= $2"; return 1
}
le() {
	[ "$1" -le "$2" ] 2>/dev/null && return 0
	echo "# got '$1', want <= $2"; return 1
}
# has PATTERN [FILE]: a grep -e (of standard input without FILE) that
# shows the file when it fails
has() {
	if [ $# -lt 2 ]; then
		grep -q -e "$1" && return 0
		echo "# no '$1' in the input"; return 1
	fi
	grep -q -e "$1" "$2" && return 0
	echo "# no '$1' in $2:"; sed 's/^/#   /' "$2" | head -20; return 1
}
# hasnt PATTERN FILE: the opposite
hasnt() {
	grep -q -e "$1" "$2" || return 0
	echo "# unexpected '$1' in $2:"; grep -e "$1" "$2" | sed 's/^/#   /' |
	    head -5; return 1
}
# like VALUE PATTERN: VALUE matches the shell pattern
like() {
	# shellcheck disable=SC2254
	case $1 in
	$2) return 0 ;;
	esac
	echo "# '$1' does not match '$2'"; return 1
}
# fixed STRING FILE: a line of FILE contains STRING (no pattern)
fixed() {
	grep -q -F -e "$1" "$2" && return 0
	echo "# no '$1' in $2:"; sed 's/^/#   /' "$2" | head -20; return 1
}
# tap_end: the plan line, and the exit status: 1 if anything failed
tap_end() {
	echo "1..$n"
	[ "$fails" -eq 0 ] || { echo "# $fails of $n failed"; exit 1; }
	exit 0
}

# fetch PATH: a body from the server (for its counters)
if command -v curl >/dev/null 2>&1; then
	fetch() { curl -q --noproxy '*' -s --max-time 5 "$base$1"; }
else
	fetch() {
		python3 -c 'import sys, urllib.request as u
o = u.build_opener(u.ProxyHandler({}))
sys.stdout.write(o.open(sys.argv[1], timeout=5).read().decode())' \
		    "$base$1"
	}
fi
stats_reset() { fetch /__reset >/dev/null; }
# snap: the /__stats JSON flattened to "key|key<TAB>value" lines
snap() {
	fetch /__stats | python3 -c 'import json, sys
def out(k, v):
    if isinstance(v, dict):
        for kk, vv in v.items():
            out(k + "|" + kk if k else kk, vv)
    else:
        print("%s\t%s" % (k, v))
out("", json.load(sys.stdin))' >"$tmp/stats"
}
# sget KEY: a value from the last snap ("" if none), e.g. 'by_status|304'
sget() { awk -F '\t' -v k="$1" '$1 == k { print $2 }' "$tmp/stats"; }
# sgetn KEY: the same, 0 if none
sgetn() { v=$(sget "$1"); echo "${v:-0}"; }
