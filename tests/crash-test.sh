#!/bin/sh
# kill -9 at random moments.  Thirty feeds, served with small delays,
# grow by ten articles before each of ITER reloads (default 50), and each
# reload is killed after a random 0 to ~1.2 times the time a whole
# reload takes, so that kills land while fetching, while saving and after.
# After every kill: print-unread succeeds and its count is the one before
# the reload or the one after it, never anything else; nothing is
# reported damaged or kept aside; and every read mark acknowledged so far
# is still there.  Every fifth round tests/store-unit marks articles read
# slowly and is killed too: each "ok ID" it printed must have reached
# the journal.
# Exit status: 0 pass, 1 failure, 77 skip (no python3), 99 hard error.
#
# Environment: SSNEWS, the binary; srcdir, the source tree; STORE_UNIT;
# SEED, to repeat the kill times of a failed run; ITER, the rounds.

# shellcheck disable=SC2317 # (functions called through check)
NAME=crash-test
srcdir=${srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/lib.sh"
need_unit

SEED=${SEED:-$$}
ITER=${ITER:-50}
NFEEDS=30
echo "# SEED=$SEED ITER=$ITER"
mkdir "$tmp/root" || exit 99
server_start "$tmp/root" $((ITER * 3 + 20))

# gen N:COUNT...: write feed N (f01.xml ...) with items 1..COUNT, each
# replaced whole (temp file and rename: the server never sees half)
gen() {
	awk -v root="$tmp/root" 'BEGIN {
		pad = "Lorem ipsum dolor sit amet, consectetur adipiscing."
		pad = pad " " pad " " pad " " pad " " pad " " pad
		for (a = 1; a < ARGC; a++) {
			split(ARGV[a], p, ":")
			name = sprintf("%s/f%02d.xml", root, p[1])
			out = name ".tmp"
			printf "<?xml version=\"1.0\"?>\n" >out
			printf "<rss version=\"2.0\"><channel>" >out
			printf "<title>Crash %d</title>\n", p[1] >out
			for (k = p[2]; k >= 1; k--)
				printf "<item><title>Feed %d item %d</title>" \
				    "<guid>c%d-%d</guid><description>%d/%d %s" \
				    "</description></item>\n", p[1], k, p[1], k,
				    p[1], k, pad >out
			printf "</channel></rss>\n" >out
			close(out)
			system("mv \"" out "\" \"" name "\"")
		}
		exit 0 }' "$@"
}

# Feeds 1..30 with 20 items each; delays 0..60 ms from a fixed table.
i=1
args=
use crash
conf "$config" "download-timeout 10" "max-parallel-downloads 6"
: >"$urls"
while [ $i -le $NFEEDS ]; do
	args="$args $i:20"
	echo "$base/f$(printf %02d $i).xml?delay_ms=$(( (i * 37) % 61 ))" \
	    >>"$urls"
	eval "count_$i=20"
	i=$((i + 1))
done
# shellcheck disable=SC2086
gen $args
total=$((NFEEDS * 20))
url() { sed -n "${1}p" "$urls"; }
# grow: ten feeds (in turn) get one article more
round=0
grow() {
	args=
	for j in 0 1 2 3 4 5 6 7 8 9; do
		f=$(( (round * 10 + j) % NFEEDS + 1 ))
		eval "c=\$count_$f"
		c=$((c + 1))
		eval "count_$f=$c"
		args="$args $f:$c"
	done
	# shellcheck disable=SC2086
	gen $args
	total=$((total + 10))
	round=$((round + 1))
}

# acked: "URL<TAB>ID" of every read mark acknowledged; feeds 1..3 only
: >"$tmp/acked"
: >"$tmp/unit.err"
# read_set: the read ids of feeds 1..3 as "URL<TAB>ID", sorted
read_set() {
	for f in 1 2 3; do
		u=$(url $f)
		unit read-ids "$u" 2>>"$tmp/unit.err" |
		    awk -v u="$u" '{ print u "\t" $0 }'
	done | LC_ALL=C sort
}
# acked_kept: every acknowledged mark is still read ($tmp/read is left
# holding the read set)
acked_kept() {
	read_set >"$tmp/read"
	LC_ALL=C sort -u "$tmp/acked" >"$tmp/acked.s"
	missing=$(LC_ALL=C comm -23 "$tmp/acked.s" "$tmp/read" | wc -l)
	[ "$missing" -eq 0 ] && return 0
	echo "# $missing acknowledged marks lost:"
	LC_ALL=C comm -23 "$tmp/acked.s" "$tmp/read" | head -5 | sed 's/^/#   /'
	return 1
}
nread() { read_set | wc -l | tr -d ' '; }
# mark_slowly F DELAY KILL_MS: store-unit marks the next 15 unread items of
# feed F read, DELAY ms apart, and is killed after KILL_MS (0: never)
mark_slowly() {
	u=$(url "$1")
	ids=$(unit unread-ids "$u" | head -n 15)
	# shellcheck disable=SC2086
	"$STORE_UNIT" -d "$2" "$cache" "$urls" mark-read "$u" $ids \
	    >"$tmp/marks" 2>>"$tmp/unit.err" &
	mpid=$!
	if [ "$3" -gt 0 ]; then
		msleep "$3"
		kill -9 "$mpid" 2>/dev/null
	fi
	wait "$mpid" 2>/dev/null
	awk -v u="$u" '$1 == "ok" { print u "\t" $2 }' "$tmp/marks" \
	    >>"$tmp/acked"
}

# A whole reload first, marks in the journal, then one timed reload.
run -x reload
if [ "$status" -ne 0 ] || [ "$(unread)" != "$total" ]; then
	echo "ERROR: first reload"; cat "$tmp/err"; exit 99
fi
mark_slowly 1 0 0
mark_slowly 2 0 0
check "15 + 15 marks acknowledged before the kills" eq \
    "$(wc -l <"$tmp/acked" | tr -d ' ')" 30
grow
run -x reload
full_ms=$ms
check "a whole reload of $NFEEDS feeds (ten changed): $ms ms" eq \
    "$(summary)" "$NFEEDS feeds, 10 new articles, 0 errors"
window=$((full_ms + full_ms / 5 + 20))
[ $window -lt 100 ] && window=100
[ $window -gt 1500 ] && window=1500
echo "# kills from 0 to $window ms"
prev=$(unread)
check "marks and new articles counted" eq "$prev" $((total - $(nread)))

bad_status='' bad_count='' bad_damage='' bad_acked='' bad_marks=''
before=0 after=0 during=0
i=1
while [ $i -le "$ITER" ]; do
	grow
	# every third kill aims at the end, where the save is
	wait_ms=$(awk -v s="$SEED" -v i="$i" -v w="$window" -v t="$full_ms" \
	    'BEGIN { srand(s * 1000 + i); x = rand()
		if (i % 3 == 0) print int(t - 50 + x * 70)
		else print int(x * (w + 1)) }')
	[ "$wait_ms" -lt 0 ] && wait_ms=0
	"$SSNEWS" -u "$urls" -c "$cache" -C "$config" -x reload \
	    >/dev/null 2>&1 &
	pid=$!
	msleep "$wait_ms"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -e "$cache/index.tmp" ] && during=$((during + 1))
	acked_kept || bad_acked="$bad_acked $i"
	full=$((total - $(wc -l <"$tmp/read")))
	got=$("$SSNEWS" -u "$urls" -c "$cache" -C "$config" -x print-unread \
	    2>"$tmp/perr")
	st=$?
	got=${got% unread article*}
	if [ $st -ne 0 ] || [ -s "$tmp/perr" ]; then
		echo "# round $i (kill at $wait_ms ms): status $st:"
		sed 's/^/#   /' "$tmp/perr"
		bad_status="$bad_status $i"
	fi
	if [ "$got" = "$prev" ]; then
		before=$((before + 1))
	elif [ "$got" = "$full" ]; then
		after=$((after + 1))
	else
		echo "# round $i (kill at $wait_ms ms): $got unread," \
		    "want $prev or $full"
		bad_count="$bad_count $i"
	fi
	if [ "$(find "$cache" -name '*.damaged-*' | wc -l)" -ne 0 ]; then
		bad_damage="$bad_damage $i"
		rm -f "$cache"/*.damaged-*
	fi
	if [ $((i % 5)) -eq 0 ]; then
		r0=$(wc -l <"$tmp/read")
		n0=$(wc -l <"$tmp/acked")
		kill_ms=$(awk -v s="$SEED" -v i="$i" 'BEGIN {
		    srand(s * 1000 + i + 500); print 1 + int(rand() * 60) }')
		mark_slowly $(( (i / 5) % 3 + 1 )) 3 "$kill_ms"
		nacked=$(($(wc -l <"$tmp/acked") - n0))
		r1=$(nread)
		# every acknowledged mark, plus at most the one in flight
		if ! acked_kept || [ $((r1 - r0)) -lt "$nacked" ] ||
		    [ $((r1 - r0)) -gt $((nacked + 1)) ]; then
			echo "# round $i: $nacked marks acknowledged," \
			    "$((r1 - r0)) items became read"
			bad_marks="$bad_marks $i"
		fi
		# the unacknowledged one in flight counts as read from now
		if [ $((r1 - r0)) -gt "$nacked" ]; then
			read_set >"$tmp/read"
			LC_ALL=C sort -u "$tmp/acked" >"$tmp/acked.s"
			LC_ALL=C comm -13 "$tmp/acked.s" "$tmp/read" \
			    >>"$tmp/acked"
		fi
		prev=$("$SSNEWS" -u "$urls" -c "$cache" -C "$config" \
		    -x print-unread 2>/dev/null)
		prev=${prev% unread article*}
	else
		prev=$got
	fi
	i=$((i + 1))
done
echo "# kills: $before before the save, $after after it," \
    "$during during the index write"
check "print-unread works after every kill (bad:$bad_status)" \
    test -z "$bad_status"
check "the count is the old or the new one after every kill (bad:$bad_count)" \
    test -z "$bad_count"
check "nothing damaged by a kill (bad:$bad_damage)" test -z "$bad_damage"
check "acknowledged read state survives every kill (bad:$bad_acked)" \
    test -z "$bad_acked"
check "store-unit killed: every ok'd mark journaled (bad:$bad_marks)" \
    test -z "$bad_marks"

# A last whole reload: everything is there, read state intact.
run -x reload
check "final reload: exit status 0" eq "$status" 0
check "final reload: no warning" eq "$(grep -v '^[0-9]* feeds' "$tmp/err")" ""
check "final reload: every article, read marks applied" eq "$(unread)" \
    $((total - $(nread)))
check "final reload: acknowledged marks kept" acked_kept
check "final reload: journal emptied" test ! -s "$cache/journal"
check "store-unit never found the cache damaged" hasnt . "$tmp/unit.err"
finish
