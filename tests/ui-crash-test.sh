#!/bin/sh
# kill -9 in the middle of interactive use, ROUNDS times (default 8;
# "make check-crash" runs hundreds).  ssnews in tmux marks articles read
# with N (read articles are hidden at start-up, so the first one is
# unread; N and j mark them one after the other).  Each
# round waits until the title line shows a few marks (the reader saw
# them: acknowledged), sends a few more without waiting, and kills the
# program at once.  After every kill the cache loads without a warning,
# and the unread count is at most the acknowledged one and at least that
# minus the marks sent after it.
# Exit status: 0 pass, 1 failure, 77 skip (no tmux or python3), 99 error.
#
# Environment: SSNEWS, the binary; srcdir, the source tree; SEED, to
# repeat the numbers of a failed run; ROUNDS.

# shellcheck disable=SC2317,SC2034,SC2154
# (functions and variables used through check or set by tests/lib.sh)
NAME=ui-crash-test
srcdir=${srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/ui-lib.sh"

SEED=${SEED:-$$}
ROUNDS=${ROUNDS:-8}
echo "# SEED=$SEED ROUNDS=$ROUNDS"
mkdir "$tmp/root" || exit 99
cp "$srcdir/tests/data/ui/long.rss" "$tmp/root/long.rss" || exit 99
server_start "$tmp/root" $((ROUNDS * 4 + 60))

# pick ROUND SALT N: a number from 0 to N-1, the same for the same SEED
pick() {
	awk -v s="$SEED" -v r="$1" -v t="$2" -v n="$3" \
	    'BEGIN { srand(s * 7919 + r * 104729 + t); print int(rand() * n) }'
}
# fill: a fresh cache of the forty articles of long.rss, all unread
fill() {
	rm -rf "$cache"
	run -x reload
	[ "$status" -eq 0 ] || { echo "ERROR: -x reload failed"; exit 99; }
	left=40
}
# marks N: N times, mark read and go down (the row stays until the list
# is rebuilt), without waiting
marks() {
	k=0
	while [ "$k" -lt "$1" ]; do keys N j; k=$((k + 1)); done
}

use kills
conf "$config" "show-read-articles no"
echo "$base/long.rss" >"$urls"
fill
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	r=$((r + 1))
	[ "$left" -lt 8 ] && fill
	seen=$(( $(pick "$r" 1 3) + 1 ))
	more=$(pick "$r" 2 4)
	ack=$((left - seen))
	ui_start 80 24
	keys Enter
	if ! wait_line 2 '^N ' || ! { marks "$seen";
	    wait_title "All articles +$ack unread$"; }; then
		check "round $r: $seen marks shown" false
		break
	fi
	marks "$more"
	kill -9 "$(ui_pid)"
	ui_wait_exit
	got=$(unread)
	if [ -s "$tmp/unread.err" ]; then
		echo "# round $r: print-unread said:"
		sed 's/^/#   /' "$tmp/unread.err"
		check "round $r: the cache loads without a warning" false
		break
	fi
	if [ -z "$got" ] || [ "$got" -gt "$ack" ] ||
	    [ "$got" -lt $((ack - more)) ]; then
		check "round $r: $got unread, want $((ack - more)) to $ack" \
		    false
		break
	fi
	left=$got
done
ui_stop
check "$r rounds of kill -9 while marking articles read" eq "$r" "$ROUNDS"
check "the last count is the one the interface shows" steps \
    "ui_start 80 24" "wait_title 'Feeds +$left unread$'"
ui_stop
finish
