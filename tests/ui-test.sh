#!/bin/sh
# The interface, driven for real: ssnews in tmux sessions on a private
# socket, keys sent with send-keys, the screen read with capture-pane.
# A cache filled by -x reload from tests/server.py on 127.0.0.1 (fixtures
# in tests/data/ui), then: start-up, navigation in every view, the
# article text, read state across restarts and kill -9, a reload while
# the reader moves, resizes down to 1x1, the browser (argv exact, no
# shell), escape sequences in feeds, OSC 52 copy, NO_COLOR.
# Exit status: 0 pass, 1 failure, 77 skip (no tmux or python3), 99 error.
#
# Environment: SSNEWS, the binary; srcdir, the source tree; KEEP_TMP=1
# keeps the temporary directory.

# shellcheck disable=SC2317,SC2034,SC2016,SC2119,SC2154
# (functions and variables used through check and the eval of steps or
# set by tests/lib.sh; single quotes keep $( and backticks on purpose;
# screen's FILE is optional)
NAME=ui-test
srcdir=${srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/ui-lib.sh"
t_start=$(now_ms)

data=$(cd "$srcdir/tests/data/ui" && pwd -P) || exit 99
mkdir "$tmp/root" || exit 99
for f in pensions.rss jobs.atom long.rss links.rss escapes.rss; do
	cp "$data/$f" "$tmp/root/$f" || exit 99
done
cp "$data/changing-v1.rss" "$tmp/root/changing.rss" || exit 99
cp "$srcdir/tests/browser-record.sh" "$tmp/browser-record.sh" &&
    chmod +x "$tmp/browser-record.sh" || exit 99
server_start "$tmp/root" 300	# (a failing run waits longer)

# prime NAME URL-LINE...: a cache filled by -x reload, kept pristine
prime() {
	use "$1"; shift
	for l in "$@"; do printf '%s\n' "$l"; done >"$urls"
	run -x reload
	if [ "$status" -ne 0 ] || grep -q '^ssnews: ' "$tmp/err"; then
		echo "ERROR: -x reload of $(basename "$urls") failed:"
		sed 's/^/#   /' "$tmp/err"; exit 99
	fi
}
# fresh FROM TO: a copy of cache FROM (urls, config) to use as TO
fresh() {
	rm -rf "$tmp/$2.cache"
	cp -R "$tmp/$1.cache" "$tmp/$2.cache" || exit 99
	cp "$tmp/$1.urls" "$tmp/$2.urls" || exit 99
	cp "$tmp/$1.conf" "$tmp/$2.conf" || exit 99
	use "$2"
}
# screen_has ERE: a line of the screen matches (within 3 s: a frame may
# be half drawn)
screen_has() { wait_for "$1" 3; }
# screen_hasnt ERE: no line of the last screen matches
screen_hasnt() {
	grep -q -E -e "$1" "$tmp/screen" || return 0
	echo "# unexpected /$1/:"; show; return 1
}
# names: the feed list's titles, counts and spaces squeezed, to $tmp/names
names() {
	sed -n "2,$((ui_rows - 1))p" "$tmp/screen" |
	    sed 's/^. *[0-9?]*\/[0-9?]* *//' | tr -s ' ' | sed '/^$/d' \
	    >"$tmp/names"
}

prime main "$base/pensions.rss \"pensions\" \"uk\"" \
    "$base/jobs.atom \"jobs\" \"us\""

# --- 1. start-up -----------------------------------------------------------
fresh main t1
ui_start 80 24
wait_line 24 '^q:quit' && wait_for 'Jobless Weekly' && settle
check "start-up: title line" like "$(line 1)" "ssnews: Feeds * 5 unread"
check "start-up: status line holds the key hint" like "$(line 24)" \
    "q:quit  ENTER:open*?:help*"
names
check "start-up: All articles, the ten topic views, then the feeds" \
    in_order "$tmp/names" "All articles" "Pensions" "Unemployment" \
    "Disability" "Sickness" "Employment injury" "Family" "Health coverage" \
    "Social assistance" "Contributions" "Coverage & systems" \
    "Pension Watch #pensions #uk" "Jobless Weekly #jobs #us"
check "start-up: feed counts unread/total" steps \
    "screen_has '^ +5/5 +All articles$'" \
    "screen_has '^ +3/3 +Pension Watch'" \
    "screen_has '^ +2/2 +Jobless Weekly'"
check "start-up: topic view counts (3 pension, 2 unemployment items)" steps \
    "screen_has '^ +3/3 +Pensions$'" "screen_has '^ +2/2 +Unemployment$'" \
    "screen_has '^ +0/0 +Disability$'"
check "start-up: All articles is selected" eq "$(sel)" "5/5 All articles"

# --- 2. navigation ---------------------------------------------------------
fresh main t2
ui_start 80 24
check "feed list: j k g G move the selection" steps \
    "keys j" "wait_sel '3/3 Pensions'" \
    "keys k" "wait_sel '5/5 All articles'" \
    "keys k" "wait_sel '5/5 All articles'" \
    "keys G" "wait_sel '2/2 Jobless Weekly #jobs #us'" \
    "keys g" "wait_sel '5/5 All articles'" \
    "keys Down Down" "wait_sel '2/2 Unemployment'" \
    "keys Up" "wait_sel '3/3 Pensions'"
check "item list: Enter opens a feed; j G g move" steps \
    "keys G k" "wait_sel '3/3 Pension Watch #pensions #uk'" \
    "keys Enter" "wait_title 'Pension Watch +5 unread$'" \
    "wait_line 2 '^N 2024-01-10 Pension age rises in 2027$'" \
    "wait_sel 'N 2024-01-10 Pension age rises in 2027'" \
    "keys j" "wait_sel 'N 2024-01-09 Survivor pensions reviewed'" \
    "keys G" "wait_sel 'N 2024-01-08 Retirement savings statistics'" \
    "keys g" "wait_sel 'N 2024-01-10 Pension age rises in 2027'"
check "article: Enter opens it, q goes back to the same item and feed" steps \
    "keys Enter" "wait_line 2 '^Pension age rises in 2027$'" \
    "wait_title 'Pension Watch +4 unread$'" \
    "keys q" "wait_sel '2024-01-10 Pension age rises in 2027'" \
    "keys q" "wait_title 'Feeds'" \
    "wait_sel '2/3 Pension Watch #pensions #uk'"
check "J and K: the next and previous feed's items" steps \
    "keys Enter" "wait_title 'Pension Watch '" \
    "keys J" "wait_title 'Jobless Weekly '" \
    "wait_line 2 'Unemployment benefit claims fall$'" \
    "keys K" "wait_title 'Pension Watch '" \
    "wait_line 2 'Pension age rises in 2027$'" \
    "keys q" "wait_title 'Feeds'"
# Unread now: Survivor, Retirement (Pension Watch), Claims, New rules
# (Jobless Weekly).  p from the top wraps to the last feed's last unread.
check "n and p: next and previous unread article across feeds" steps \
    "keys g" "wait_sel '4/5 All articles'" \
    "keys p" "wait_line 2 '^New rules for job seekers$'" \
    "keys p" "wait_line 2 '^Unemployment benefit claims fall$'" \
    "keys p" "wait_line 2 '^Retirement savings statistics$'" \
    "keys n" "wait_line 2 '^Survivor pensions reviewed$'" \
    "wait_title 'Pension Watch +0 unread$'" \
    "keys n" "wait_line 24 'no unread articles'"
check "link list: u lists the article's links, q closes it" steps \
    "keys g" "wait_line 2 '^Survivor pensions reviewed$'" \
    "keys q g Enter" "wait_line 2 '^Pension age rises in 2027$'" \
    "keys u" "wait_title 'Links'" \
    "wait_line 2 '^\[1\] https://example.org/reports/2024.html$'" \
    "wait_sel '[1] https://example.org/reports/2024.html'" \
    "keys q" "wait_line 2 '^Pension age rises in 2027$'" \
    "keys q q" "wait_title 'Feeds'"
check "tag filter: t lists the tags, Enter shows one tag's feeds" steps \
    "keys t" "wait_title 'Tags'" "screen" \
    "wait_in_order '(all feeds)' jobs pensions uk us" \
    "keys j" "wait_sel jobs" "keys Enter" "wait_title 'Feeds \[jobs\]'" \
    "screen_has 'Jobless Weekly'" "screen_hasnt 'Pension Watch'" \
    "keys t Enter" "wait_title 'Feeds +'" "screen_has 'Pension Watch'"
check "help: ? lists the actions with their keys, q closes it" steps \
    "keys ?" "wait_title 'Help'" \
    "screen_has '^j, DOWN +down +move down one line$'" \
    "screen_has '^ENTER, RIGHT +open +open the selected feed or article$'" \
    "screen_has '^q, LEFT +quit +go back; quit from the feed list$'" \
    "screen_has '^v +toggle-layout +cycle side by side, stacked and single'" \
    "keys G" "wait_for '^\^L +redraw +redraw the screen$'" \
    "screen_has '^\? +help +show the keys$'" \
    "screen_has '^u +show-links +list the links of the article$'" \
    "keys q" "wait_title 'Feeds'"

fresh main t2w
ui_start 200 60
check "wide: panes side by side, the items of the selection previewed" steps \
    "screen" "eq \"\$(grep -c '│' $tmp/screen)\" 58" \
    "screen_has 'N 2024-01-10 Pension age rises in 2027 — Pension Watch'"
check "wide: Tab moves between the feed list and the item list" steps \
    "keys Tab" \
    "wait_sel 'N 2024-01-10 Pension age rises in 2027 — Pension Watch'" \
    "keys j" \
    "wait_sel 'N 2024-01-09 Survivor pensions reviewed — Pension Watch'" \
    "keys Tab" "wait_sel '5/5 All articles'" \
    "keys Enter" \
    "wait_sel 'N 2024-01-09 Survivor pensions reviewed — Pension Watch'" \
    "wait_for '│Survivor pensions reviewed$'" \
    "keys Tab" "wait_title 'All articles +4 unread$'" \
    "keys Tab k" \
    "wait_sel 'N 2024-01-10 Pension age rises in 2027 — Pension Watch'" \
    "wait_for '│Pension age rises in 2027$'" \
    "keys q" "wait_title 'Feeds'"
check "wide: v cycles stacked, one pane, side by side" steps \
    "keys v" "wait_line 60 '^stacked'" "wait_line 25 '^─{200}$'" \
    "screen_hasnt '│'" \
    "keys v" "wait_line 60 '^one pane'" "screen_hasnt '│|─'" \
    "keys v" "wait_line 60 '^side by side'" \
    "eq \"\$(grep -c '│' $tmp/screen)\" 58"
check "wide: the help screen takes the whole width, no pane line" steps \
    "keys ?" "wait_title 'Help'" "wait_for '^\^L +redraw'" "settle" \
    "screen_hasnt '│'" \
    "screen_has '^y +copy-link +copy the article.s link \(OSC 52, works over'" \
    "screen_has 'works over SSH\)$'" \
    "keys q" "wait_title 'Feeds'"
check "wide: stacked, G in the help screen shows the last action" steps \
    "keys v" "wait_line 60 '^stacked'" "keys ?" "wait_title 'Help'" \
    "keys G" "wait_sel '^L redraw redraw the screen'" "screen" \
    "screen_hasnt '─'" "screen_has '^k, UP +up +move up one line$'" \
    "keys q v v" "wait_line 60 '^side by side'"
ui_stop

# --- 3. the article text ---------------------------------------------------
fresh main t3
ui_start 80 24
keys Enter
wait_line 2 '^N 2024-01-10 Pension age rises in 2027 — Pension Watch$'
keys Enter
wait_line 2 '^Pension age rises in 2027$'
wait_for '^\[1\] https://example.org/reports/2024.html$'
settle
check "article: header lines" eq "$(sed -n 2,8p "$tmp/screen")" \
"Pension age rises in 2027
Feed: Pension Watch
Author: Jane Roe
Date: 2024-01-10 09:30
Link: https://example.org/news/pension-age.html
Categories: Pensions, Reform"
# The first paragraph wrapped at 79 and at 118 columns (by hand).
p79="The state pension age will rise from sixty-six to sixty-seven between"
p79="$p79 2026 and"
p118="$p79 2028, the ministry confirmed on"
check "article: paragraphs wrapped at the width, list items, links" \
    wait_in_order "" "$p79" \
    "2028, the ministry confirmed on Wednesday after a long consultation." \
    "  • Contribution records stay valid" \
    "  • Credits for carers continue" \
    "Read the annual report[1] for the figures." \
    "Links:" \
    "[1] https://example.org/reports/2024.html"
check "article: the heading is bold and blue" like \
    "$(attrs_at 2 'Pension age rises')" "*bold*fg=34*"
check "article: link text is underlined and cyan" like \
    "$(attrs_at 0 'annual report')" "*fg=36*underline*"
check "article: an Atom entry" steps \
    "keys q G Enter" "wait_line 2 '^New rules for job seekers$'" \
    "keys q k k Enter" "wait_line 2 '^Unemployment benefit claims fall$'" \
    "wait_in_order 'Unemployment benefit claims fall' \
    'Feed: Jobless Weekly' 'Author: John Doe' 'Date: 2024-01-09 08:00' \
    'Link: https://example.com/jobs/claims-fall' '' \
    'Claims for unemployment benefit fell for the third month in a row.'" \
    "screen_hasnt '^Categories'"
ui_resize 200 60
check "article: rewrapped at the side pane's width after a resize" steps \
    "keys q g Enter" "wait_for '│Pension age rises in 2027$'" \
    "wait_in_order_at 81 119 \"\$p118\" \
    'Wednesday after a long consultation.'"
ui_stop

# --- 4. read state ---------------------------------------------------------
fresh main t4
ui_start 80 24
check "read: opening an article drops its N marker and the counts" steps \
    "keys Enter" \
    "wait_line 2 '^N 2024-01-10 Pension age rises in 2027 — Pension Watch$'" \
    "keys Enter" "wait_title 'All articles +4 unread$'" \
    "keys q" \
    "wait_line 2 '^  2024-01-10 Pension age rises in 2027 — Pension Watch$'" \
    "keys q" "wait_title 'Feeds +4 unread$'" \
    "screen_has '^ +4/5 +All articles$'" \
    "screen_has '^ +2/3 +Pensions$'" \
    "screen_has '^ +2/3 +Pension Watch'" \
    "screen_has '^ +2/2 +Jobless Weekly'"
check "read: N toggles the mark" steps \
    "keys Enter" \
    "wait_sel '2024-01-10 Pension age rises in 2027 — Pension Watch'" \
    "keys N" "wait_line 2 '^N 2024-01-10 Pension age rises'" \
    "wait_title 'All articles +5 unread$'" \
    "keys N" "wait_line 2 '^  2024-01-10 Pension age rises'" \
    "wait_title 'All articles +4 unread$'"
keys Q
check "read: Q quits with status 0" steps "ui_wait_exit" \
    "eq \"\$ui_status\" 0"
check "read: the mark is kept after quitting (-x print-unread)" \
    eq "$(unread)" 4
ui_start 80 24
check "read: and after a restart" steps \
    "screen_has '^ +4/5 +All articles$'" \
    "keys Enter" \
    "wait_line 2 '^  2024-01-10 Pension age rises in 2027 — Pension Watch$'" \
    "wait_line 3 '^N 2024-01-09 Survivor pensions reviewed'"
check "read: N then kill -9 at once" steps \
    "keys j N" "wait_title 'All articles +3 unread$'" \
    "kill -9 \$(ui_pid)" "ui_wait_exit" "eq \"\$ui_status\" 137"
check "read: the journal kept the mark through kill -9" eq "$(unread)" 3
ui_start 80 24
check "read: after kill -9 and a restart" steps \
    "screen_has '^ +3/5 +All articles$'" \
    "keys Enter" "wait_line 3 '^  2024-01-09 Survivor pensions reviewed'"
ui_stop

# --- 5. reload while navigating --------------------------------------------
conf "$tmp/reload.conf" "download-timeout 10"
prime reload "$base/changing.rss?delay_ms=1500" \
    "$base/pensions.rss?delay_ms=1500"
cp "$data/changing-v2.rss" "$tmp/root/changing.rss" || exit 99
ui_start 80 24
check "reload: R shows Loading; j, k and Enter work meanwhile" steps \
    "keys G k" "wait_sel '3/3 Changing Feed'" \
    "keys Enter" "wait_sel 'N 2024-01-03 Changing item A'" \
    "keys j" "wait_sel 'N 2024-01-02 Changing item B'" \
    "keys R" "wait_line 24 '^Loading 0/2'" \
    "keys j" "wait_sel 'N 2024-01-01 Changing item C'" \
    "keys k" "wait_sel 'N 2024-01-02 Changing item B'" \
    "screen_has '^Loading [01]/2'" \
    "keys Enter" "wait_line 2 '^Changing item B$'" \
    "screen_has '^Text of B\.$'" "screen_has '^Loading [01]/2'" \
    "keys q" "wait_sel '2024-01-02 Changing item B'" \
    "screen_has '^Loading [01]/2'"
check "reload: the new items appear when it finishes" steps \
    "wait_gone '^Loading' 10" \
    "wait_title 'Changing Feed +7 unread$'" \
    "wait_in_order 'N 2024-01-05 Changing item E' \
    'N 2024-01-04 Changing item D' 'N 2024-01-03 Changing item A' \
    '  2024-01-02 Changing item B' 'N 2024-01-01 Changing item C'"
check "reload: the selection stayed on the same item" eq "$(sel)" \
    "2024-01-02 Changing item B"
# A new version of the article that is open: shown in its place.
cp "$data/changing-v3.rss" "$tmp/root/changing.rss" || exit 99
check "reload: an open article that changed shows its new text" steps \
    "keys Enter" "wait_line 2 '^Changing item B$'" \
    "screen_has '^Text of B\.$'" \
    "keys R" "wait_line 24 '^Loading'" "wait_gone '^Loading' 10" \
    "wait_for '^Text of B, corrected\.$'" "screen_has '^Changing item B$'" \
    "keys q" "wait_sel '2024-01-02 Changing item B'"
ui_stop

# --- 6. resize -------------------------------------------------------------
prime resize "$base/pensions.rss" "$base/jobs.atom" "$base/long.rss"
ui_start 200 60
# round W H SEL: to 80x24 and back to W x H, the selection stays SEL
round() {
	ui_resize 80 24 && wait_gone '│' && wait_sel "$3" &&
	    ui_resize "$1" "$2" && wait_for '│' && wait_sel "$3"
}
# top_para: the side pane's first line, once it is a paragraph's first
# line (j until it is); sets top
top_para() {
	for _ in 1 2 3 4; do
		settle; cut_screen 81 119
		top=$(sed -n 2p "$tmp/cut")
		case $top in
		"Paragraph "[0-9][0-9]" begins here"*) return 0 ;;
		esac
		keys j
	done
	echo "# top line: '$top'"; show; return 1
}
check "resize: feed list keeps its selection (200x60, 80x24, back)" steps \
    "keys G" "wait_sel '40/40 Long Reads'" "keys k" \
    "wait_sel '2/2 Jobless Weekly'" "round 200 60 '2/2 Jobless Weekly'"
check "resize: item list (^D, ^U) keeps its selection" steps \
    "keys j Enter" "wait_sel 'N 2024-01-06 Long item 01'" \
    "keys C-d" "wait_sel 'N 2024-01-06 Long item 30'" \
    "keys C-u" "wait_sel 'N 2024-01-06 Long item 01'" \
    "keys C-d" "wait_sel 'N 2024-01-06 Long item 30'" \
    "round 200 60 'N 2024-01-06 Long item 30'"
# The first article is 40 paragraphs of 95 characters: one line each in
# the 119 columns of the side pane, two lines each at 80 columns.
check "resize: the article keeps its scroll position" steps \
    "keys g Enter" "wait_for '│Long item 01$'" \
    "keys j j j j j j j j j j j j j j j j j j j j" "top_para" \
    "ui_resize 80 24" "wait_gone '│'" \
    "wait_line 2 \"^\${top%% begins*} begins\"" \
    "ui_resize 200 60" "wait_for '│'" "settle" "cut_screen 81 119" \
    "eq \"\$(sed -n 2p $tmp/cut)\" \"\$top\""
check "resize: the help screen keeps its selection" steps \
    "keys ?" "wait_title 'Help'" \
    "keys j j j j j j j j j j j j j j j j j j j j" \
    "wait_sel 'A mark-feed-read mark all articles of the feed read'" \
    "ui_resize 80 24" "wait_title 'Help'" \
    "wait_sel 'A mark-feed-read mark all articles of the feed read'" \
    "ui_resize 200 60" \
    "wait_sel 'A mark-feed-read mark all articles of the feed read'" \
    "keys q" "wait_title 'Long Reads'"
check "resize: 20x6 shows the title and status lines" steps \
    "ui_resize 20 6" "wait_line 1 '^ssnews: '" "wait_line 6 '^q:quit'" \
    "ui_alive"
check "resize: keys at 20x6, 10x3 and 1x1 do not crash it" steps \
    "keys q j Enter ? j q k" "sleep 0.2" "ui_alive" \
    "ui_resize 10 3" "sleep 0.2" "ui_alive" \
    "keys j Enter q u q v v v" "sleep 0.2" "ui_alive" \
    "ui_resize 1 1" "sleep 0.2" "ui_alive" \
    "keys j Enter ? q q k G g" "sleep 0.2" "ui_alive" \
    "ui_resize 80 24" "wait_line 1 '^ssnews: '" "wait_line 24 '.'" \
    "ui_alive"
ui_stop

# --- 7. the browser --------------------------------------------------------
prime links "$base/links.rss"
fresh links t7
blog=$tmp/browser.log
browser=$tmp/browser-record.sh
: >"$blog.hold"		# each run shows a line and waits for Enter
ui_start 80 24 "BROWSER=$browser" "SSNEWS_BROWSER_LOG=$blog"
u1='https://example.org/a?x=$(touch PWNED)&y=`touch PWNED`;z=1&&touch PWNED'
u1=$u1"&q='single'&d=\"double\"&s=a b"
u2='https://example.org/b?x=%24(touch%20PWNED)%3B%60id%60&q=%27s%27%20%22d%22'
u3='https://example.org/c?q="dq"&s='"'sq'"'&n=$(touch PWNED)&t=`id`'
u4='https://example.org/ok?a=1&b=$(touch PWNED)'
# browse KEY TITLE: KEY runs the browser, which gets the terminal; Enter
# ends it and the screen (title line TITLE) comes back
browse() {
	rm -f "$blog"
	keys "$1" && wait_for '^FAKE-BROWSER-RUNNING' && keys Enter &&
	    wait_title "$2"
}
# argv_is URL: the browser was run as [browser, URL], byte for byte
argv_is() {
	printf '%s\0' "$browser" "$1" >"$tmp/argv.want"
	cmp -s "$tmp/argv.want" "$blog" && return 0
	echo "# argv: got, want:"
	od -c "$blog" 2>&1 | sed 's/^/#   /' | head -12
	od -c "$tmp/argv.want" | sed 's/^/#   /' | head -12
	return 1
}
# refused KEY: KEY shows a refusal on the status line and runs nothing
refused() {
	rm -f "$blog"
	keys "$1" &&
	    wait_line 24 'not opening a link that is not http, https or file' &&
	    [ ! -e "$blog" ] && return 0
	echo "# the browser ran:"; od -c "$blog" | sed 's/^/#   /'; return 1
}
check "browser: o hands it the terminal, the screen comes back" steps \
    "keys G" "wait_sel '5/5 Hostile Links'" "keys Enter" \
    "wait_sel 'N 2024-01-12 Shell metacharacters raw'" \
    "browse o 'Hostile Links'" \
    "wait_sel '2024-01-12 Shell metacharacters raw'" \
    "wait_line 24 '^q:quit'" "ui_alive"
check "browser: argv is exactly [browser, URL] for raw metacharacters" \
    argv_is "$u1"
check "browser: a percent-encoded link is passed as it is" steps \
    "keys j" "wait_sel 'N 2024-01-11 Shell metacharacters encoded'" \
    "browse o 'Hostile Links'" "argv_is \"\$u2\""
check "browser: quotes and \$( from character references" steps \
    "keys j" "wait_sel 'N 2024-01-10 Quotes as entities'" \
    "browse o 'Hostile Links'" "argv_is \"\$u3\""
check "browser: a javascript: link is refused, no browser run" steps \
    "keys j" "wait_sel 'N 2024-01-09 Script link'" "refused o"
check "browser: a link starting with - is refused, no browser run" steps \
    "keys j" "wait_sel 'N 2024-01-08 Option link'" "refused o"
check "browser: article links: 1 opens one, a javascript: one is not run" \
    steps "keys g Enter" "wait_line 2 '^Shell metacharacters raw$'" \
    "browse 1 'Hostile Links'" "argv_is \"\$u4\"" "rm -f $blog" \
    "keys 2" "wait_line 24 'not opening|there is no link 2'" \
    "[ ! -e $blog ]"
check "browser: no shell ran (no PWNED file)" eq \
    "$(find "$tmp" -name PWNED | wc -l | tr -d ' ')" 0
ui_stop

# --- 8. escape sequences in a feed -----------------------------------------
prime esc "$base/escapes.rss"
clear_buffers
ui_start 80 24
pane_title=$(tm display-message -p -t "$S" '#{pane_title}')
window_name=$(tm display-message -p -t "$S" '#{window_name}')
# clean MARKER: the title and status lines in place, MARKER shown, the
# text after a cursor move ("jumped") on its own line, only the theme's
# colours
clean() {
	wait_for "$1" && wait_line 24 '^q:quit' && settle || return 1
	like "$(line 1)" 'ssnews: *' || return 1
	if grep -e jumped "$tmp/screen" | grep -q -v -e MARKER; then
		echo "# 'jumped' moved:"; show; return 1
	fi
	attrs >"$tmp/attrs"
	only 'bold|underline|reverse|dim|fg=3[12346]' "$tmp/attrs" && return 0
	show; return 1
}
# untouched: no title change, no rename, no clipboard
untouched() {
	eq "$(tm display-message -p -t "$S" '#{pane_title}')" "$pane_title" &&
	    eq "$(tm display-message -p -t "$S" '#{window_name}')" \
	    "$window_name" &&
	    eq "$(tm list-buffers 2>/dev/null | wc -l | tr -d ' ')" 0
}
check "escapes: feed list" steps "keys G" "wait_sel_like '3/3 Escapes*'" \
    "clean 'Escapes'" "ui_alive"
check "escapes: item list" steps "keys Enter" \
    "wait_line 2 '^N 2024-01-12 MARKER-TOP .*jumped'" \
    "wait_line 3 '^N 2024-01-11 MARKER-REF .*jumped'" \
    "wait_line 4 '^N 2024-01-10 MARKER-DOUBLE'" "clean MARKER-TOP"
check "escapes: raw, in title, author, category and body" steps \
    "keys Enter" "wait_line 2 '^MARKER-TOP .*jumped'" \
    "clean BODY-RAW" "screen_has '^Author: Mallory'" \
    "screen_has '^Categories: Cat'" "keys q" "wait_title 'Escapes'"
check "escapes: as character references" steps \
    "keys j Enter" "wait_line 2 '^MARKER-REF .*jumped'" \
    "clean BODY-REF" "screen_has '^Author: Eve'" "keys q" \
    "wait_title 'Escapes'"
check "escapes: double-encoded, and references in CDATA HTML" steps \
    "keys j Enter" "wait_line 2 '^MARKER-DOUBLE'" "clean BODY-CDATA" \
    "keys q" "wait_title 'Escapes'" "clean MARKER-DOUBLE"
check "escapes: no title change, rename, clipboard write or crash" steps \
    "untouched" "keys Q" "ui_wait_exit" "eq \"\$ui_status\" 0"
ui_stop

# --- 9. y: copy with OSC 52 ------------------------------------------------
fresh links t9
clear_buffers
ui_start 80 24
check "y: the link reaches the tmux buffer through OSC 52" steps \
    "keys G Enter" "wait_sel 'N 2024-01-12 Shell metacharacters raw'" \
    "keys y" "wait_line 24 '^link copied'" "buffer_is \"\$u1\""
check "y: in the article too" steps \
    "clear_buffers" "keys j Enter" \
    "wait_line 2 '^Shell metacharacters encoded$'" "keys y" \
    "wait_line 24 '^link copied'" "buffer_is \"\$u2\""
ui_stop

# --- 10. NO_COLOR ----------------------------------------------------------
fresh main t10
ui_start 80 24 NO_COLOR=1
check "NO_COLOR: attributes only, no colour" steps \
    "keys Enter Enter" "wait_line 2 '^Pension age rises in 2027$'" \
    "wait_for '^\[1\] https://example.org/reports/2024.html$'" "settle" \
    "attrs >$tmp/attrs" \
    "eq \"\$(grep -c -E '^(fg|bg)=' $tmp/attrs)\" 0" \
    "only 'bold|reverse|underline|dim' $tmp/attrs" \
    "like \"\$(attrs_at 1 ssnews)\" '*reverse*'" \
    "like \"\$(attrs_at 2 'Pension age')\" '*bold*'"
ui_stop

check "no sanitizer report from any session" no_sanitizer_reports
echo "# $(($(now_ms) - t_start)) ms"
finish
