# Helpers for tests/ui-test.sh: the real binary in tmux sessions on a
# private socket, driven with send-keys and read back with capture-pane.
# Sourced after tests/lib.sh (which gives $tmp, the private HOME, the
# results, the server and "use"); POSIX sh.
#
# A session runs one ssnews at a time, named by $S, with the current
# urls, cache and config ("use NAME").  The pane is exactly COLS x ROWS
# (no tmux status line) and stays after ssnews exits; ssnews's pid, exit
# status and standard error go to $tmp/$S.status.pid, $tmp/$S.status and
# $tmp/$S.err.  The tmux configuration is our own file: no user's applies.

# shellcheck disable=SC2317,SC2154,SC2119,SC2120
# (functions called through check; variables set by tests/lib.sh;
# screen's FILE is optional)
command -v tmux >/dev/null 2>&1 || { echo "SKIP: no tmux"; exit 77; }
case $(tmux -V 2>/dev/null) in
"tmux "[3-9].*|"tmux "[1-9][0-9]*|"tmux next-"*) ;;
*) echo "SKIP: tmux 3.0 or later needed"; exit 77 ;;
esac
case $SSNEWS in
/*) ;;
*) SSNEWS=$(pwd)/$SSNEWS ;;	# the sessions run elsewhere
esac
unset TMUX TMUX_PANE 2>/dev/null
sock=ssnews-test-$$
S=
ui_err=
ui_pending=
tm() { tmux -L "$sock" -f "$tmp/tmux.conf" "$@"; }

# The tmux server goes with the rest at exit.
ui_cleanup() {
	ui_stop
	ui_reap wait
	tmux -L "$sock" kill-server >/dev/null 2>&1
	# tmux leaves its socket behind
	ui_sock=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock
	[ -S "$ui_sock" ] && rm -f "$ui_sock"
	lib_cleanup
}
trap ui_cleanup EXIT

mkdir "$tmp/work" || exit 99	# the sessions' directory (no PWNED here)
if infocmp tmux-256color >/dev/null 2>&1; then
	ui_term=tmux-256color
else
	ui_term=screen
fi
cat >"$tmp/tmux.conf" <<EOF
set -g remain-on-exit on
set -g exit-empty off
set -g status off
set -g set-clipboard on
set -g allow-rename on
set -g automatic-rename off
set -g escape-time 0
set -g default-terminal $ui_term
set -g history-limit 100
EOF
export TZ=UTC LANG=C.UTF-8 TERM=xterm-256color
unset NO_COLOR COLUMNS LINES 2>/dev/null

# shq STRING: STRING quoted for sh
shq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# The wrapper each session runs: ssnews with the terminal as standard
# input, its pid and then its exit status (128+N after signal N) written
# beside $ui_err (tmux's pane_dead_status is not always there to read).
cat >"$tmp/run-ssnews" <<'EOF'
#!/bin/sh
st=$1
shift
exec 3<&0
"$@" <&3 3<&- &
echo $! >"$st.pid"
wait $!
echo $? >"$st.tmp" && mv "$st.tmp" "$st"
EOF

# ui_start COLS ROWS [VAR=VALUE]... [-- ARG...]: ssnews in a new session
# (the previous one is killed) with the current urls, cache and config,
# and VAR=VALUE in its environment; waits for the title line.
ui_start() {
	ui_cols=$1 ui_rows=$2
	shift 2
	ui_stop
	ui_reap
	ui_n=$((${ui_n:-0} + 1))
	S=ui$ui_n
	ui_err=$tmp/$S.err
	ui_cmd="exec sh $(shq "$tmp/run-ssnews") $(shq "$tmp/$S.status") env"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		ui_cmd="$ui_cmd $(shq "$1")"; shift
	done
	[ "${1:-}" = -- ] && shift
	ui_cmd="$ui_cmd $(shq "$SSNEWS") -u $(shq "$urls") -c $(shq "$cache")"
	ui_cmd="$ui_cmd -C $(shq "$config")"
	for a in "$@"; do ui_cmd="$ui_cmd $(shq "$a")"; done
	tm new-session -d -s "$S" -c "$tmp/work" -x "$ui_cols" -y "$ui_rows" \
	    "$ui_cmd 2>>$(shq "$ui_err")" || return 1
	wait_for '^ssnews: ' 10
}

# ui_stop: kill the session, if any (ssnews gets SIGHUP and exits; it
# is checked on later, by ui_reap)
ui_stop() {
	[ -n "$S" ] || return 0
	ui_p=$(cat "$tmp/$S.status.pid" 2>/dev/null)
	tm kill-session -t "$S" >/dev/null 2>&1
	S=
	[ -n "$ui_p" ] && ui_pending="$ui_pending $ui_p:$(now_ms)"
	return 0
}

# ui_reap [WAIT]: the ssnews of killed sessions that have not exited
# stay pending; one still there 3 s after its session was killed (with
# WAIT: waited for) is killed: a hung one would spin on
ui_reap() {
	ui_left=
	ui_now=$(now_ms)
	for p in $ui_pending; do
		pid=${p%:*} since=${p#*:}
		i=$(((since + 3000 - ui_now) / 50))
		[ -n "${1:-}" ] || i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -gt 0 ]; do
			sleep 0.05; i=$((i - 1))
		done
		kill -0 "$pid" 2>/dev/null || continue
		if [ $((ui_now - since)) -lt 3000 ] && [ -z "${1:-}" ]; then
			ui_left="$ui_left $p"
			continue
		fi
		case $(ps -p "$pid" -o args= 2>/dev/null) in
		*"$SSNEWS"*)
			echo "# ssnews (pid $pid) outlived its terminal: killed"
			kill -KILL "$pid" 2>/dev/null ;;
		esac
	done
	ui_pending=$ui_left
}

# ui_pid: the pid of ssnews
ui_pid() { cat "$tmp/$S.status.pid"; }

# ui_dead: "" while ssnews runs, else its exit status
ui_dead() { cat "$tmp/$S.status" 2>/dev/null; }

# ui_wait_exit [SECONDS]: wait for ssnews to end; sets ui_status to its
# exit status (128+N if signal N killed it)
ui_wait_exit() {
	i=$((${1:-5} * 20))
	while [ $i -gt 0 ]; do
		ui_status=$(ui_dead)
		[ -n "$ui_status" ] && return 0
		sleep 0.05; i=$((i - 1))
	done
	echo "# ssnews did not exit"; return 1
}

# ui_alive: ssnews still runs (it did not crash)
ui_alive() {
	[ -z "$(ui_dead)" ] && kill -0 "$(ui_pid)" 2>/dev/null && return 0
	echo "# ssnews ended (status '$(ui_dead)'); stderr:"
	sed 's/^/#   /' "$ui_err" | head -30
	return 1
}

# keys KEY...: send tmux key names (j, Enter, Tab, C-d, Escape ...)
keys() { tm send-keys -t "$S" "$@"; }
# type TEXT: send text literally
type_text() { tm send-keys -t "$S" -l "$1"; }

# screen [FILE]: the pane's text (to FILE, default $tmp/screen)
screen() { tm capture-pane -p -t "$S" >"${1:-$tmp/screen}"; }
# screen_e [FILE]: the same with attributes as escape sequences
screen_e() { tm capture-pane -p -e -t "$S" >"${1:-$tmp/screen.e}"; }
# line N: line N (from 1) of the last screen
line() { sed -n "${1}p" "$tmp/screen"; }
# show: the last screen, as comments
show() { sed 's/^/#   |/' "$tmp/screen"; }

# steps CHECK...: run each "word word..." (unquoted) as a command; all
# must pass (a sequence of keys and waits as one result)
steps() {
	for s in "$@"; do
		eval "$s" || { echo "# failed at: $s"; return 1; }
	done
}

# poll SECONDS CMD...: run CMD every 50 ms until it succeeds (0), or
# give up after SECONDS (1)
poll() {
	i=$(($1 * 20))
	shift
	while :; do
		"$@" && return 0
		i=$((i - 1))
		[ $i -le 0 ] && return 1
		sleep 0.05
	done
}
screen_matches() { screen; grep -q -E -e "$1" "$tmp/screen"; }
screen_lacks() { screen; ! grep -q -E -e "$1" "$tmp/screen"; }
line_matches() { screen; line "$1" | grep -q -E -e "$2"; }
sel_is() { ui_sel=$(sel); [ "$ui_sel" = "$1" ]; }
sel_like() {
	ui_sel=$(sel)
	# shellcheck disable=SC2254
	case $ui_sel in
	$1) return 0 ;;
	esac
	return 1
}

# wait_for ERE [SECONDS]: poll the screen until a line matches (default
# 5 s); shows the screen when it times out
wait_for() {
	poll "${2:-5}" screen_matches "$1" && return 0
	echo "# timed out waiting for /$1/; screen:"; show; return 1
}
# wait_gone ERE [SECONDS]: until no line matches
wait_gone() {
	poll "${2:-5}" screen_lacks "$1" && return 0
	echo "# timed out waiting for /$1/ to go; screen:"; show; return 1
}
# wait_line N ERE [SECONDS]: until line N matches
wait_line() {
	poll "${3:-5}" line_matches "$1" "$2" && return 0
	echo "# timed out waiting for line $1 to match /$2/; screen:"; show
	return 1
}
# wait_sel TEXT [SECONDS]: until the focused selection is TEXT (see sel)
wait_sel() {
	poll "${2:-5}" sel_is "$1" && return 0
	echo "# selection is '$ui_sel', want '$1'; screen:"; screen; show
	return 1
}
# wait_sel_like PATTERN [SECONDS]: the same with a shell pattern
wait_sel_like() {
	poll "${2:-5}" sel_like "$1" && return 0
	echo "# selection is '$ui_sel', want '$1'; screen:"; screen; show
	return 1
}
# wait_title ERE: until the title line matches
wait_title() { wait_line 1 "^ssnews: $1" "${2:-5}"; }

# The attributes of a capture-pane -e: a small SGR interpreter that keeps
# the state across lines, as tmux writes only the changes.
cat >"$tmp/sgr.py" <<'EOF'
import re, sys

def cells(path):
    """Yield (row, text, attrs) runs; attrs is a frozenset of names."""
    state = set()
    fg = bg = None
    data = open(path, encoding="utf-8", errors="replace").read()
    for row, line in enumerate(data.split("\n"), 1):
        pos = 0
        for m in re.finditer(r"\x1b\[([0-9;:]*)m", line):
            if m.start() > pos:
                yield row, line[pos:m.start()], attrs(state, fg, bg)
            pos = m.end()
            ps = [p for p in re.split("[;:]", m.group(1))] or ["0"]
            i = 0
            while i < len(ps):
                p = int(ps[i] or 0)
                if p == 0:
                    state.clear(); fg = bg = None
                elif p in NAMES:
                    state.add(NAMES[p])
                elif p in OFF:
                    state.difference_update(OFF[p])
                elif 30 <= p <= 37 or 90 <= p <= 97:
                    fg = str(p)
                elif 40 <= p <= 47 or 100 <= p <= 107:
                    bg = str(p)
                elif p == 39:
                    fg = None
                elif p == 49:
                    bg = None
                elif p in (38, 48, 58):
                    n = 3 if ps[i + 1:i + 2] == ["5"] else 5
                    val = "%d:%s" % (p, ":".join(ps[i + 1:i + n]))
                    if p == 38: fg = val
                    elif p == 48: bg = val
                    i += n - 1
                else:
                    state.add("sgr%d" % p)
                i += 1
        if pos < len(line):
            yield row, line[pos:], attrs(state, fg, bg)

NAMES = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink",
         7: "reverse", 8: "hidden", 9: "strike"}
OFF = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",),
       25: ("blink",), 27: ("reverse",), 28: ("hidden",), 29: ("strike",)}

def attrs(state, fg, bg):
    a = set(state)
    if fg: a.add("fg=" + fg)
    if bg: a.add("bg=" + bg)
    return frozenset(a)

mode, path = sys.argv[1], sys.argv[2]
if mode == "rev":
    # ROW, R (reverse) or D (reverse and dim), the text (runs joined)
    out = {}
    for row, text, a in cells(path):
        if "reverse" in a and text.strip():
            k = (row, "D" if "dim" in a else "R")
            out[k] = out.get(k, "") + text
    for (row, kind), text in sorted(out.items()):
        print("%d\t%s\t%s" % (row, kind, text.strip()))
elif mode == "attrs":
    # every attribute and colour used by visible text, one a line
    seen = set()
    for row, text, a in cells(path):
        if text.strip() or "reverse" in a:
            seen |= a
    for a in sorted(seen):
        print(a)
elif mode == "cut":
    # the plain text of a capture from column COL (from 0), WIDTH wide
    col, width = int(sys.argv[3]), int(sys.argv[4])
    for l in open(path, encoding="utf-8", errors="replace").read().split("\n"):
        print(l[col:col + width].rstrip())
elif mode == "at":
    # the attributes of the text of line ROW that contains a string
    row, want = int(sys.argv[3]), sys.argv[4]
    for r, text, a in cells(path):
        if (row == 0 or r == row) and want in text:
            print(" ".join(sorted(a)))
EOF
# sel: the text of the focused list's selected row (reverse, not dim,
# below the title line and above the status line)
sel() {
	screen_e "$tmp/sel.e"
	python3 "$tmp/sgr.py" rev "$tmp/sel.e" | awk -F '\t' -v last="$ui_rows" \
	    '$1 > 1 && $1 < last && $2 == "R" { print $3; exit }' | tr -s ' '
}
# cut COL WIDTH: the last screen from column COL (from 0), WIDTH wide,
# to $tmp/cut (one pane of a split layout)
cut_screen() {
	python3 "$tmp/sgr.py" cut "$tmp/screen" "$1" "$2" >"$tmp/cut"
}
# ui_resize COLS ROWS: resize the window (ssnews gets SIGWINCH)
ui_resize() {
	ui_cols=$1 ui_rows=$2
	tm resize-window -t "$S" -x "$1" -y "$2"
}
# attrs [FILE]: the attributes used on the screen (see sgr.py)
attrs() {
	[ -n "${1:-}" ] || { screen_e; set -- "$tmp/screen.e"; }
	python3 "$tmp/sgr.py" attrs "$1"
}
# attrs_at ROW STRING: the attributes of STRING on line ROW (0: any)
attrs_at() {
	screen_e
	python3 "$tmp/sgr.py" at "$tmp/screen.e" "$1" "$2" | head -1
}

# only ERE FILE: every line of FILE is wholly matched by ERE (attributes
# from attrs, say); shows the others
only() {
	grep -v -x -E -e "$1" "$2" >"$tmp/others"
	[ -s "$tmp/others" ] || return 0
	echo "# not allowed: $(tr '\n' ' ' <"$tmp/others")"; return 1
}

# in_order FILE LINE...: the lines appear in FILE in that order, each one
# whole (trailing blanks ignored); shows the file when they do not
in_order() {
	in_order_q "$@" && return 0
	sed 's/^/#   |/' "$1"; return 1
}
in_order_q() {
	f=$1; shift
	for l in "$@"; do printf '%s\n' "$l"; done >"$tmp/want"
	awk 'NR == FNR { want[++n] = $0; next }
	    { sub(/[ \t]+$/, "") }
	    k < n && $0 == want[k + 1] { k++ }
	    END { if (k < n) { print "# missing: " want[k + 1]; exit 1 } }' \
	    "$tmp/want" "$f"
}
# wait_in_order LINE...: poll the screen until in_order holds (in the
# columns given by CUT="COL WIDTH" if set: see cut_screen)
wait_in_order() {
	i=100
	while :; do
		screen
		f=$tmp/screen
		if [ -n "${CUT:-}" ]; then
			# shellcheck disable=SC2086
			cut_screen $CUT
			f=$tmp/cut
		fi
		in_order_q "$f" "$@" >"$tmp/why" && return 0
		i=$((i - 1))
		[ $i -le 0 ] && break
		sleep 0.05
	done
	cat "$tmp/why"; sed 's/^/#   |/' "$f"; return 1
}
# wait_in_order_at COL WIDTH LINE...: the same in those columns
wait_in_order_at() {
	CUT="$1 $2"; shift 2
	wait_in_order "$@"; r=$?
	CUT=
	return $r
}
# settle: the screen, once two captures 50 ms apart agree (ssnews may be
# half-way through drawing a frame when a capture is taken)
settle() {
	i=40 prev=
	while [ $i -gt 0 ]; do
		screen
		cur=$(cksum <"$tmp/screen")
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.05; i=$((i - 1))
	done
	return 0
}

# no_sanitizer_reports: no session's standard error holds a report (once
# they have all exited)
no_sanitizer_reports() {
	ui_stop
	ui_reap wait
	if cat "$tmp"/ui*.err 2>/dev/null | grep -q -E \
	    'AddressSanitizer|LeakSanitizer|runtime error|Assertion'; then
		grep -l -E 'Sanitizer|runtime error|Assertion' "$tmp"/ui*.err |
		    while read -r f; do sed 's/^/#   /' "$f" | head -40; done
		return 1
	fi
	return 0
}

# clear_buffers: delete the tmux paste buffers
clear_buffers() {
	tm list-buffers -F '#{buffer_name}' 2>/dev/null | while read -r b; do
		tm delete-buffer -b "$b"
	done
}
# buffer_is TEXT: the newest tmux paste buffer is TEXT, byte for byte
buffer_is() {
	printf '%s' "$1" >"$tmp/buffer.want"
	i=60
	while ! tm show-buffer >"$tmp/buffer" 2>/dev/null && [ $i -gt 0 ]; do
		sleep 0.05; i=$((i - 1))
	done
	cmp -s "$tmp/buffer" "$tmp/buffer.want" && return 0
	echo "# buffer: got, want:"; od -c "$tmp/buffer" | sed 's/^/#   /' |
	    head -8
	od -c "$tmp/buffer.want" | sed 's/^/#   /' | head -8; return 1
}
