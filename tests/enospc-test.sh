#!/bin/sh
# A full disk, made by tests/enospc.so (LD_PRELOAD) for the cache's files
# only: the first save, a save whose bodies fail, one whose index fails,
# one whose fsync fails, read state journalled on a full disk (also cut
# in the middle of a line) and a compaction that runs out of space.  Each
# failed save must say which file and "No space left on device", exit 1,
# and leave the previous cache and read state loading intact; once the
# disk has room again the next save must succeed with nothing that was
# acknowledged lost.
# Exit status: 0 pass, 1 failure, 77 skip (no python3, or the library
# cannot be preloaded), 99 hard error.
#
# Environment: SSNEWS, the binary; srcdir, the source tree; STORE_UNIT;
# ENOSPC_SHIM, the library (default: enospc.so beside STORE_UNIT).

# shellcheck disable=SC2317 # (functions called through check)
NAME=enospc-test
srcdir=${srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/lib.sh"
need_unit

shim=${ENOSPC_SHIM:-$(dirname "$STORE_UNIT")/enospc.so}
[ -r "$shim" ] || { echo "ERROR: no $shim (make check builds it)"; exit 99; }
case $shim in
/*) ;;
*) shim=$(pwd)/$shim ;;
esac
# A sanitizer's runtime wants to be loaded first; the shim goes before it.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
if ! LD_PRELOAD=$shim "$SSNEWS" -V >/dev/null 2>"$tmp/shim.err"; then
	echo "SKIP: $shim cannot be preloaded:"; cat "$tmp/shim.err"
	exit 77
fi

mkdir "$tmp/root" || exit 99
server_start "$tmp/root"
nospace="No space left on device"

# full AFTER SYNC PROGRAM ARGS...: PROGRAM on a disk with AFTER bytes
# left for the cache's files (for those under $on if set), fsync failing
# too with SYNC 1; sets status, output in $tmp/out and $tmp/err, refused
# calls in $tmp/enospc.log
on=
full() {
	after=$1 sync=$2 prog=$3
	shift 3
	: >"$tmp/enospc.log"
	LD_PRELOAD=$shim ENOSPC_PATH=${on:-$cache/} ENOSPC_AFTER=$after \
	    ENOSPC_SYNC=$sync ENOSPC_LOG=$tmp/enospc.log \
	    "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}
# reload_full AFTER SYNC: -x reload on that disk
reload_full() {
	full "$1" "$2" "$SSNEWS" -u "$urls" -c "$cache" -C "$config" -x reload
}
# refused CALL FILE: the shim refused CALL on FILE of the cache
refused() { fixed "$1 $cache/$2" "$tmp/enospc.log"; }
# saved_msg FILE: the message of a save that found the disk full at FILE
saved_msg() { echo "ssnews: cannot save the cache in $cache/$1: $nospace"; }
# size FILE: its size in bytes
size() { wc -c <"$1" | tr -d ' '; }
# same FILE: the cache's FILE is byte for byte what $tmp/before/ holds
same() {
	cmp -s "$cache/$1" "$tmp/before/$1" && return 0
	echo "# $cache/$1 changed"; return 1
}
# tidy: no index.tmp and no bodies file other than bodies.0 left behind
tidy() {
	left=
	for f in "$cache"/*; do
		case ${f##*/} in
		index | bodies.0 | journal | lock) ;;
		*) left="$left ${f##*/}" ;;
		esac
	done
	[ -z "$left" ] && return 0
	echo "# left in the cache:$left"; return 1
}
# intact: the cache as it was before: unread count, read state, bodies
intact() {
	check "$1: index unchanged" same index
	check "$1: nothing left behind" tidy
	check "$1: 9 unread" eq "$(unread)" 9
	check "$1: no load warning" test ! -s "$tmp/unread.err"
	check "$1: read state" eq "$(unit read-ids "$base/feed/1")" \
	    ssnews-test-feed-1-item-2
	check "$1: bodies" eq "$(unit body "$base/feed/2" \
	    ssnews-test-feed-2-item-5)" "Body of feed 2 item 5."
}

# --- the first save, on a full disk ---------------------------------------
use main
printf '%s\n' "$base/feed/1" "$base/feed/2" >"$urls"
reload_full 0 0
if [ "$status" -eq 0 ] && [ ! -s "$tmp/enospc.log" ]; then
	echo "SKIP: $shim does not reach the cache's writes"
	exit 77
fi
check "first save, full disk: exit status 1" eq "$status" 1
check "first save, full disk: names the file" fixed "$(saved_msg bodies.0)" \
    "$tmp/err"
check "first save, full disk: the summary still" eq "$(summary)" \
    "2 feeds, 10 new articles, 0 errors"
check "first save, full disk: the bodies were refused" refused pwrite \
    bodies.0
check "first save, full disk: no index" test ! -e "$cache/index"
check "first save, full disk: no index.tmp" test ! -e "$cache/index.tmp"
check "first save, full disk: print-unread 0" eq "$(unread)" 0
run -x reload
check "first save, room again: exit status 0" eq "$status" 0
check "first save, room again: summary" eq "$(summary)" \
    "2 feeds, 10 new articles, 0 errors"
check "first save, room again: 10 unread" eq "$(unread)" 10

# The cache every case below starts from: item 2 of feed 1 read.
unit mark-read "$base/feed/1" ssnews-test-feed-1-item-2 >/dev/null || exit 99
run -x reload
if [ "$status" -ne 0 ] || [ "$(unread)" != 9 ]; then
	echo "ERROR: cannot make the cache"; cat "$tmp/err"; exit 99
fi
mkdir "$tmp/before" && cp "$cache"/* "$tmp/before/" || exit 99
echo "$base/feed/3" >>"$urls"

# --- new articles, and no room for their bodies ---------------------------
reload_full 0 0
check "bodies, full disk: exit status 1" eq "$status" 1
check "bodies, full disk: names the file" fixed "$(saved_msg bodies.0)" \
    "$tmp/err"
check "bodies, full disk: the summary still" eq "$(summary)" \
    "3 feeds, 5 new articles, 0 errors"
check "bodies, full disk: refused" refused pwrite bodies.0
check "bodies, full disk: bodies.0 as it was" same bodies.0
intact "bodies, full disk"
full 0 0 "$SSNEWS" -u "$urls" -c "$cache" -C "$config" -x print-unread
check "print-unread on a full disk: exit status 0" eq "$status" 0
check "print-unread on a full disk: 9" eq "$(cat "$tmp/out")" \
    "9 unread articles"

# --- the bodies fit, the index does not -----------------------------------
reload_full 300 0
check "index, full disk: exit status 1" eq "$status" 1
check "index, full disk: names the file" fixed "$(saved_msg index.tmp)" \
    "$tmp/err"
check "index, full disk: refused" refused write index.tmp
intact "index, full disk"

# --- every write fits, the fsync fails ------------------------------------
reload_full 100000000 1
check "fsync fails: exit status 1" eq "$status" 1
check "fsync fails: names the file" fixed "$(saved_msg bodies.0)" "$tmp/err"
check "fsync fails: refused" refused fsync bodies.0
intact "fsync fails"

# --- read state on a full disk ---------------------------------------------
journal=$(size "$cache/journal")
full 0 0 "$STORE_UNIT" "$cache" "$urls" mark-read "$base/feed/1" \
    ssnews-test-feed-1-item-3
check "journal, full disk: exit status 1" eq "$status" 1
check "journal, full disk: not acknowledged" test ! -s "$tmp/out"
check "journal, full disk: refused" refused write journal
on=$cache/journal	# the lock's pid must not take the 5 bytes
full 5 0 "$STORE_UNIT" "$cache" "$urls" mark-read "$base/feed/1" \
    ssnews-test-feed-1-item-3
on=
check "journal, 5 bytes of room: exit status 1" eq "$status" 1
check "journal, 5 bytes of room: not acknowledged" test ! -s "$tmp/out"
check "journal, 5 bytes of room: the torn line taken back" eq \
    "$(size "$cache/journal")" "$journal"
intact "journal, full disk"
check "journal, room again: acknowledged" eq "$(unit mark-read \
    "$base/feed/1" ssnews-test-feed-1-item-3)" "ok ssnews-test-feed-1-item-3"
check "journal, room again: 8 unread" eq "$(unread)" 8
check "journal, room again: no load warning" test ! -s "$tmp/unread.err"

# --- room again: the next save keeps everything ---------------------------
run -x reload
check "room again: exit status 0" eq "$status" 0
check "room again: no error" hasnt "$nospace" "$tmp/err"
check "room again: summary" eq "$(summary)" \
    "3 feeds, 5 new articles, 0 errors"
check "room again: 13 unread" eq "$(unread)" 13
check "room again: read state" eq "$(unit read-ids "$base/feed/1" |
    tr '\n' ' ')" "ssnews-test-feed-1-item-2 ssnews-test-feed-1-item-3 "
check "room again: the journal folded in" eq "$(size "$cache/journal")" 0
check "room again: old bodies" eq "$(unit body "$base/feed/1" \
    ssnews-test-feed-1-item-1)" "Body of feed 1 item 1."
check "room again: new bodies" eq "$(unit body "$base/feed/3" \
    ssnews-test-feed-3-item-5)" "Body of feed 3 item 5."
check "room again: the index's count" eq "$(tail -n 1 "$cache/index")" \
    "$(printf 'end\t3\t15')"
check "room again: nothing left behind" tidy

# --- a compaction that runs out of room -----------------------------------
use compact
conf "$config" "max-download-size 4M"
echo "$base/oversized?mb=2" >"$urls"
run -x reload
if [ "$status" -ne 0 ] || [ "$(size "$cache/bodies.0")" -le 1048576 ]; then
	echo "ERROR: no large bodies file"; cat "$tmp/err"; exit 99
fi
rm -rf "$tmp/before" && mkdir "$tmp/before" && cp "$cache"/* "$tmp/before/" ||
    exit 99
echo "$base/oversized?mb=2 \"max-items=3\"" >"$urls"
reload_full 0 0
check "compaction, full disk: exit status 1" eq "$status" 1
check "compaction, full disk: the copy was refused" refused pwrite bodies.1
check "compaction, full disk: names the file" fixed \
    "$(saved_msg index.tmp)" "$tmp/err"
check "compaction, full disk: index unchanged" same index
check "compaction, full disk: bodies.0 unchanged" same bodies.0
check "compaction, full disk: no bodies.1 left" tidy
run -x reload
check "compaction, room again: exit status 0" eq "$status" 0
check "compaction, room again: 3 articles" eq "$(unit count \
    "$base/oversized?mb=2")" "3 3"
check "compaction, room again: bodies.1 replaced bodies.0" test \
    -e "$cache/bodies.1" -a ! -e "$cache/bodies.0"
check "compaction, room again: the bodies" like "$(unit body \
    "$base/oversized?mb=2" big-1)" "xxxxxxxx*"

finish
