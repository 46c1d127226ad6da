#!/bin/sh
# The cache on disk: two instances at once, a lock left by kill -9, an
# index with a garbage line, cut at random offsets, empty, binary, from
# another version; a short or missing bodies file; the journal (read
# state written by tests/store-unit without a save, a damaged line, a
# torn last line).  Damage must never be fatal: the intact part loads,
# the message names file and line, the damaged index is kept aside, and
# the next reload writes a good cache.
# Exit status: 0 pass, 1 failure, 77 skip (no python3), 99 hard error.
#
# Environment: SSNEWS, the binary; srcdir, the source tree; STORE_UNIT;
# SEED, to repeat the random cuts of a failed run.

# shellcheck disable=SC2317 # (functions called through check)
NAME=store-test
srcdir=${srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/lib.sh"
need_unit

SEED=${SEED:-$$}
echo "# SEED=$SEED"
mkdir "$tmp/root" || exit 99
server_start "$tmp/root"

# damaged: how many index.damaged-* files the cache holds
damaged() {
	c=0
	for d in "$cache"/index.damaged-*; do
		[ -e "$d" ] && c=$((c + 1))
	done
	echo "$c"
}
# noerr FILE: FILE is empty (shows it otherwise)
noerr() {
	[ ! -s "$1" ] && return 0
	echo "# unexpected:"; sed 's/^/#   /' "$1"; return 1
}
# expect_unread LINES: unread items among the first LINES index lines of
# the pristine cache (an item counts once its I line is complete)
expect_unread() {
	awk -F '\t' -v n="$1" 'NR <= n && $1 == "I" && $3 % 2 == 1 { c++ }
	    END { print c + 0 }' "$tmp/pristine/index"
}
# articles N: what print-unread prints for N
articles() {
	if [ "$1" -eq 1 ]; then echo "1 unread article"
	else echo "$1 unread articles"; fi
}
# bodies_ok FIRST LAST: every item of feeds FIRST..LAST shows its own
# text or none (store_body fails); never another article's text
bodies_ok() {
	bad=0
	for f in $(seq "$1" "$2"); do
		for k in 1 2 3 4 5; do
			id=ssnews-test-feed-$f-item-$k
			got=$(unit body "$base/feed/$f" "$id" 2>/dev/null) ||
			    continue
			[ "$got" = "Body of feed $f item $k." ] && continue
			echo "# feed $f item $k shows '$got'"
			bad=1
		done
	done
	return "$bad"
}

# A cache of 3 feeds (15 items, index lines 1 to 20) in which feed 1's
# items 2 and 4 are read, folded into the index by a reload; each case
# starts from a copy of it.
use pristine
cache=$tmp/pristine
printf '%s\n' "$base/feed/1" "$base/feed/2" "$base/feed/3" >"$urls"
run -x reload
[ "$status" -eq 0 ] || { echo "ERROR: first reload failed"; exit 99; }
unit mark-read "$base/feed/1" ssnews-test-feed-1-item-2 \
    ssnews-test-feed-1-item-4 >/dev/null || exit 99
run -x reload
[ "$(unread)" = 13 ] || { echo "ERROR: pristine cache"; exit 99; }
[ "$(wc -l <"$cache/index" | tr -d ' ')" -eq 20 ] || exit 99
pristine_urls=$urls
# fresh NAME: a copy of the pristine cache under NAME
fresh() {
	use "$1"
	cp "$pristine_urls" "$urls"
	rm -rf "$cache"
	cp -R "$tmp/pristine" "$cache"
}

# --- two instances at once ------------------------------------------------
use lock
conf "$config" "download-timeout 10"
echo "$base/feed/4?delay_ms=1500" >"$urls"
"$SSNEWS" -u "$urls" -c "$cache" -C "$config" -x reload \
    >"$tmp/out1" 2>"$tmp/err1" &
pid1=$!
i=0
while [ "$(cat "$cache/lock" 2>/dev/null)" != "$pid1" ] && [ $i -lt 60 ]; do
	sleep 0.05; i=$((i + 1))
done
run -x reload
check "second instance: exit status 1" eq "$status" 1
check "second instance: names the process" eq "$(cat "$tmp/err")" \
    "ssnews: $cache is in use by process $pid1"
"$STORE_UNIT" "$cache" "$urls" mark-read "$base/feed/4?delay_ms=1500" x \
    >/dev/null 2>"$tmp/err"
check "second instance through the store API: refused" like \
    "$(cat "$tmp/err")" "*$cache is in use by process $pid1"
run -x print-unread
check "print-unread beside a running reload: exit status 0" eq "$status" 0
check "print-unread beside a running reload: the old count" eq \
    "$(cat "$tmp/out")" "0 unread articles"
wait "$pid1"
check "first instance: exit status 0" eq "$?" 0
check "first instance: summary" eq "$(grep -E '^[0-9]+ feeds?,' "$tmp/err1")" \
    "1 feed, 5 new articles, 0 errors"
check "first instance: its articles" eq "$(unread)" 5
run -x reload
check "after the first instance: reload works" eq "$status" 0

# --- a lock left by kill -9 -----------------------------------------------
"$SSNEWS" -u "$urls" -c "$cache" -C "$config" -x reload \
    >/dev/null 2>&1 &
pid1=$!
i=0
while [ "$(cat "$cache/lock" 2>/dev/null)" != "$pid1" ] && [ $i -lt 60 ]; do
	sleep 0.05; i=$((i + 1))
done
kill -9 "$pid1"
wait "$pid1" 2>/dev/null
run -x reload
check "after kill -9 of the owner: reload works" eq "$status" 0
check "after kill -9 of the owner: no message" eq "$(summary)" \
    "1 feed, 0 new articles, 0 errors"

# --- a garbage line in the middle of the index ----------------------------
fresh garbage
# line 11: feed 2's item 3; lines 1..10 hold feed 1 and 2 items of feed 2
awk 'NR == 11 { print "garbage\tline" } { print }' "$tmp/pristine/index" \
    >"$cache/index"
cp "$cache/index" "$tmp/garbage.index"
run -x print-unread
check "garbage line: print-unread exit status 0" eq "$status" 0
check "garbage line: message names index:11" fixed "$cache/index:11: " \
    "$tmp/err"
check "garbage line: the articles before it are loaded" eq \
    "$(cat "$tmp/out")" "$(articles "$(expect_unread 10)")"
check "garbage line: print-unread moves nothing" cmp -s "$cache/index" \
    "$tmp/garbage.index"
run -x reload
check "garbage line: reload exit status 0" eq "$status" 0
check "garbage line: reload names index:11" fixed "$cache/index:11: " \
    "$tmp/err"
check "garbage line: the damaged index is kept aside" eq "$(damaged)" 1
check "garbage line: kept unchanged" cmp -s "$tmp/garbage.index" \
    "$(for d in "$cache"/index.damaged-*; do echo "$d"; break; done)"
check "garbage line: read state before it kept" eq \
    "$(unit read-ids "$base/feed/1" | tr '\n' ' ')" \
    "ssnews-test-feed-1-item-2 ssnews-test-feed-1-item-4 "
run -x print-unread
check "garbage line: the new index loads cleanly" noerr "$tmp/err"
check "garbage line: every article is back after the reload" eq \
    "$(cat "$tmp/out")" "13 unread articles"

# --- the index cut at random offsets --------------------------------------
size=$(wc -c <"$tmp/pristine/index" | tr -d ' ')
offsets=$(awk -v s="$SEED" -v n="$size" 'BEGIN { srand(s)
	for (i = 0; i < 8; i++) printf "%d ", 1 + int(rand() * (n - 1)) }')
echo "# cuts at $offsets of $size bytes"
bad_msg='' bad_count='' bad_aside='' bad_after=''
for x in $offsets; do
	fresh cut
	head -c "$x" "$tmp/pristine/index" >"$cache/index"
	k=$(wc -l <"$cache/index" | tr -d ' ')	# complete lines
	if [ "$(tail -c 1 "$cache/index" | od -An -c | tr -d ' ')" = '\n' ]
	then
		lines="$k $((k + 1))"	# the missing line is the next
	else
		lines=$((k + 1))	# the cut line
	fi
	run -x print-unread
	found=
	for l in $lines; do
		grep -q -F "$cache/index:$l: " "$tmp/err" && found=1
	done
	[ -n "$found" ] || bad_msg="$bad_msg $x"
	want=$(articles "$(expect_unread "$k")")
	if [ "$(cat "$tmp/out")" != "$want" ] || [ "$status" -ne 0 ]; then
		echo "# cut at $x (line $((k + 1))): got '$(cat "$tmp/out")'," \
		    "want '$want'"
		bad_count="$bad_count $x"
	fi
	run -x reload
	[ "$(damaged)" -eq 1 ] || bad_aside="$bad_aside $x"
	run -x print-unread
	[ -s "$tmp/err" ] && bad_after="$bad_after $x"
done
check "cut index: the message names the cut line (bad:$bad_msg)" \
    test -z "$bad_msg"
check "cut index: every article before the cut loads (bad:$bad_count)" \
    test -z "$bad_count"
check "cut index: kept aside (bad:$bad_aside)" test -z "$bad_aside"
check "cut index: the next reload writes a good index (bad:$bad_after)" \
    test -z "$bad_after"

# --- two damaged indexes in the same second: both kept --------------------
fresh twice
for _ in 1 2 3; do
	rm -f "$cache"/index.damaged-*
	s0=$(now_s)
	echo garbage >"$cache/index"
	run -x reload
	echo garbage >"$cache/index"
	run -x reload
	[ "$(now_s)" = "$s0" ] && break
done
check "two damaged indexes in one second: both kept" eq "$(damaged)" 2

# --- other damaged indexes ------------------------------------------------
# damage NAME LINE PYTHON: rewrite the index with PYTHON (d holds its
# bytes), then check the message, the count, keeping aside and recovery
damage() {
	fresh "$(echo "$1" | tr ' ' -)"
	python3 -c "import sys
d = open(sys.argv[1], 'rb').read()
$3
open(sys.argv[1], 'wb').write(d)" "$cache/index" || exit 99
	run -x print-unread
	check "$1: print-unread exit status 0" eq "$status" 0
	check "$1: message names index:$2" fixed "$cache/index:$2: " "$tmp/err"
	check "$1: the articles before it are loaded" eq "$(cat "$tmp/out")" \
	    "$(articles "$(expect_unread $(($2 - 1)))")"
	run -x reload
	check "$1: reload exit status 0" eq "$status" 0
	check "$1: kept aside" eq "$(damaged)" 1
	run -x print-unread
	check "$1: then loads cleanly" noerr "$tmp/err"
}
damage "empty index" 1 "d = b''"
damage "binary index" 1 "import random; random.seed($SEED)
d = bytes(random.randrange(256) for i in range(4096))"
damage "index of another version" 1 \
    "d = d.replace(b'ssnews-index\t1\t', b'ssnews-index\t9\t', 1)"
damage "line after the end" 21 "d += b'F\tx\n'"
damage "NUL byte in an item line" 5 \
    "l = d.split(b'\n'); l[4] = l[4][:20] + b'\0' + l[4][20:]
d = b'\n'.join(l)"
damage "item before any feed" 2 \
    "l = d.split(b'\n'); l.insert(1, l[2]); d = b'\n'.join(l)"
damage "bad number in an item" 3 \
    "l = d.split(b'\n'); f = l[2].split(b'\t'); f[2] = b'x'
l[2] = b'\t'.join(f); d = b'\n'.join(l)"

# --- a short or missing bodies file ---------------------------------------
fresh shortbodies
bsize=$(wc -c <"$cache/bodies.0" | tr -d ' ')
head -c $((bsize / 2)) "$tmp/pristine/bodies.0" >"$cache/bodies.0"
run -x print-unread
check "short bodies: print-unread exit status 0" eq "$status" 0
check "short bodies: every article still listed" eq "$(cat "$tmp/out")" \
    "13 unread articles"
check "short bodies: the message names the file" fixed "$cache/bodies.0 " \
    "$tmp/err"
check "short bodies: no article shows another's text" bodies_ok 1 3
printf '%s\n' "$base/feed/4" "$base/feed/5" >>"$urls"
run -x reload
check "short bodies, then new articles: reload exit status 0" eq "$status" 0
check "short bodies, then new articles: no article shows another's text" \
    bodies_ok 1 5
fresh nobodies
rm "$cache/bodies.0"
run -x print-unread
check "no bodies file: every article still listed" eq "$(cat "$tmp/out")" \
    "13 unread articles"
check "no bodies file: store_body fails cleanly" sh -c \
    "! '$STORE_UNIT' '$cache' '$urls' body '$base/feed/2' \
    ssnews-test-feed-2-item-1 >/dev/null 2>&1"
run -x reload
check "no bodies file: reload exit status 0" eq "$status" 0
check "no bodies file: reload names it" fixed "$cache/bodies.0 " "$tmp/err"

# --- read state through the journal ---------------------------------------
fresh journal
check "journal: marks acknowledged" eq \
    "$(unit mark-read "$base/feed/2" ssnews-test-feed-2-item-1 \
    ssnews-test-feed-2-item-3 | tr '\n' ' ')" \
    "ok ssnews-test-feed-2-item-1 ok ssnews-test-feed-2-item-3 "
check "journal: two lines written" eq "$(wc -l <"$cache/journal" | tr -d ' ')" 2
check "journal: seen without a save" eq "$(unread)" 11
run -x reload
check "journal: a reload keeps the marks" eq "$(unread)" 11
check "journal: emptied by the save" test ! -s "$cache/journal"
check "journal: marks folded into the index" eq \
    "$(unit read-ids "$base/feed/2" | tr '\n' ' ')" \
    "ssnews-test-feed-2-item-1 ssnews-test-feed-2-item-3 "
unit mark-unread "$base/feed/1" ssnews-test-feed-1-item-2 >/dev/null
check "journal: mark unread seen" eq "$(unread)" 12
run -x reload print-unread
check "journal: mark unread kept by a reload" eq "$(cat "$tmp/out")" \
    "12 unread articles"

fresh badjournal
{
	printf 'r\t%s\t%s\n' "$base/feed/3" ssnews-test-feed-3-item-1
	printf 'garbage\n'
	printf 'r\t%s\t%s\n' "$base/feed/3" ssnews-test-feed-3-item-2
	printf 'r\t%s\t%s\n' "$base/feed/9" ssnews-test-feed-9-item-1
	printf 'r\t%s\t%s\n' "$base/feed/3" no-such-item
} >"$cache/journal"
run -x print-unread
check "damaged journal line: message names journal:2" fixed \
    "$cache/journal:2: " "$tmp/err"
check "damaged journal line: the lines around it applied" eq \
    "$(cat "$tmp/out")" "11 unread articles"
run -x reload
check "damaged journal line: reload keeps them" eq \
    "$(unit read-ids "$base/feed/3" | tr '\n' ' ')" \
    "ssnews-test-feed-3-item-1 ssnews-test-feed-3-item-2 "

fresh tornjournal
printf 'r\t%s\t%s' "$base/feed/3" ssnews-test-feed-3-item-5 >"$cache/journal"
run -x print-unread
check "torn journal line: skipped" eq "$(cat "$tmp/out")" "13 unread articles"
check "torn journal line: a later mark acknowledged" eq \
    "$(unit mark-read "$base/feed/3" ssnews-test-feed-3-item-4)" \
    "ok ssnews-test-feed-3-item-4"
check "torn journal line: the later mark is not lost" eq \
    "$(unit read-ids "$base/feed/3")" ssnews-test-feed-3-item-4

# --- a new cache directory ------------------------------------------------
use newdir
cache=$tmp/new/deep/cache
printf '%s\n' "$base/feed/1" >"$urls"
run -x reload
check "a missing cache directory is created" test -s "$cache/index"

finish
