#!/bin/sh
# The manual page stays complete and clean:
#  1. mandoc(1), if installed, finds nothing to warn about, and no line of
#     the page rendered at 80 columns is wider than that;
#  2. every command line option (from --help, from long_options and the
#     getopt string in src/main.c), every configuration option (from the
#     option table in src/options.c) and every key action (src/actions.def)
#     is documented in its place, by the page's conventions:
#       command line options   .It ... Fl X ... and .It ... Fl -name ...
#                              under .Sh OPTIONS
#       configuration options  .It Ic name ... under .Sh CONFIGURATION
#       key actions            .It Ic name ... under .Sh KEY BINDINGS
#     and, the other way round, nothing is documented there that the
#     program no longer has;
#  3. every option printed by $SSNEWS --dump-config is documented.
#
# Environment: SSNEWS, the binary; srcdir, the source tree (automake).
# Exit status: 0 pass, 1 failure, 99 hard error.

SSNEWS=${SSNEWS:-./ssnews}
srcdir=${srcdir:-.}
page=$srcdir/man/ssnews.1
main_c=$srcdir/src/main.c
options_c=$srcdir/src/options.c
actions_def=$srcdir/src/actions.def

# Directives of the configuration file, documented beside the options.
directives="bind-key unbind-key color include"

for f in "$page" "$main_c" "$options_c" "$actions_def"; do
	[ -r "$f" ] || { echo "ERROR: cannot read $f"; exit 99; }
done
[ -x "$SSNEWS" ] || { echo "ERROR: $SSNEWS is not an executable"; exit 99; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/man-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

failures=0
checks=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# The ssnews binary, away from the user's own files and language.
run_ssnews() {
	HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data \
	    LC_ALL=C LANGUAGE='' "$SSNEWS" "$@"
}

# section NAME: the lines of the page under ".Sh NAME", up to the next .Sh.
section() {
	awk -v name="$1" '
		/^\.Sh / { insec = (substr($0, 5) == name); next }
		insec' "$page"
}

# items SECTION: the names after ".It Ic" in a section, one a line.
items() {
	section "$1" | awk '$1 == ".It" && $2 == "Ic" { print $3 }'
}

# flags: every word after Fl on the .It lines of OPTIONS ("C", "-config").
flags() {
	section OPTIONS | awk '$1 == ".It" {
		for (i = 2; i < NF; i++)
			if ($i == "Fl")
				print $(i + 1)
	}'
}

# strings_after REGEX: from text on stdin, the first quoted string of
# each match of REGEX, which must end with that string.
strings_after() {
	tr '\n' ' ' | awk -v re="$1" '{
		s = $0
		while (match(s, re)) {
			m = substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
			sub(/^[^"]*"/, "", m)
			sub(/"$/, "", m)
			print m
		}
	}'
}

# missing WHAT DOCUMENTED NAMES-FILE: fail with the names not documented.
missing() {
	what=$1
	documented=$2
	names=$3
	checks=$((checks + 1))
	if [ ! -s "$names" ]; then
		fail "found no $what to check (has the source changed shape?)"
		return
	fi
	absent=$(sort -u "$names" | while read -r n; do
		grep -qxF -e "$n" "$documented" || printf ' %s' "$n"
	done)
	[ -z "$absent" ] || fail "$what missing from $page:$absent"
}

# stale WHAT DOCUMENTED KNOWN-FILE: fail with names the program lacks.
stale() {
	what=$1
	documented=$2
	known=$3
	checks=$((checks + 1))
	extra=$(sort -u "$documented" | while read -r n; do
		grep -qxF -e "$n" "$known" || printf ' %s' "$n"
	done)
	[ -z "$extra" ] || fail "$page documents $what that do not exist:$extra"
}

# 1. mandoc: no warnings, and nothing wider than 80 columns.
if command -v mandoc >/dev/null 2>&1; then
	checks=$((checks + 1))
	mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1
	if [ -s "$tmp/lint" ]; then
		fail "mandoc -T lint -W warning:"
		sed 's/^/	/' "$tmp/lint"
	fi
	checks=$((checks + 1))
	mandoc -T ascii -O width=80 "$page" 2>/dev/null |
	    awk '{ gsub(/.\010/, "") } length($0) > 80 { print }' >"$tmp/wide"
	if [ -s "$tmp/wide" ]; then
		fail "lines wider than 80 columns when rendered:"
		sed 's/^/	/' "$tmp/wide"
	fi
else
	echo "SKIP: no mandoc, page not linted"
fi

# 2. What the program has, against what the page documents.
flags >"$tmp/flags"
items CONFIGURATION >"$tmp/config-items"
items "KEY BINDINGS" >"$tmp/action-items"

# Long options: from --help and from the long_options table.
run_ssnews --help >"$tmp/help" 2>&1 ||
    fail "$SSNEWS --help exited with status $?"
tr -cs 'A-Za-z0-9-' '\n' <"$tmp/help" | sed -n 's/^--\([a-z0-9]\)/-\1/p' \
    >"$tmp/help-long"
missing "options of --help" "$tmp/flags" "$tmp/help-long"

sed -n '/long_options\[\][[:space:]]*=[[:space:]]*{/,/^};/p' "$main_c" |
    sed -n 's/^[[:space:]]*{[[:space:]]*"\([^"]*\)".*/-\1/p' \
    >"$tmp/table-long"
missing "long options of src/main.c" "$tmp/flags" "$tmp/table-long"

# Short options: the getopt_long() option string.
sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$main_c" | tr -d ':' |
    fold -w 1 >"$tmp/table-short"
missing "short options of src/main.c" "$tmp/flags" "$tmp/table-short"

cat "$tmp/table-long" "$tmp/help-long" "$tmp/table-short" >"$tmp/known-flags"
stale "command line options" "$tmp/flags" "$tmp/known-flags"

# Configuration options: the option table.
sed -n '/option_table\[[^]]*\][[:space:]]*=[[:space:]]*{/,/^};/p' \
    "$options_c" |
    strings_after '\[OPT_[A-Z0-9_]+\][ \t]*=[ \t]*\{[ \t]*"[^"]*"' \
    >"$tmp/table-options"
missing "configuration options of src/options.c" "$tmp/config-items" \
    "$tmp/table-options"

# Key actions: actions.def.
strings_after 'ACTION\([ \t]*[A-Z0-9_]+[ \t]*,[ \t]*"[^"]*"' \
    <"$actions_def" >"$tmp/table-actions"
missing "actions of src/actions.def" "$tmp/action-items" "$tmp/table-actions"
stale "actions" "$tmp/action-items" "$tmp/table-actions"

# 3. The options that the binary itself knows.
run_ssnews -C /dev/null --dump-config >"$tmp/dump-config" 2>&1 ||
    fail "$SSNEWS --dump-config exited with status $?"
awk '$0 !~ /^#/ && NF > 0 { print $1 }' "$tmp/dump-config" \
    >"$tmp/binary-options"
missing "options of --dump-config" "$tmp/config-items" "$tmp/binary-options"

{ cat "$tmp/table-options" "$tmp/binary-options"
  for d in $directives; do echo "$d"; done; } >"$tmp/known-config"
stale "configuration options" "$tmp/config-items" "$tmp/known-config"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
