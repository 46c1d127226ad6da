#!/bin/sh
# The manual page stays complete, clean and true to the code:
#  1. mandoc(1), if installed, finds nothing to warn about, and no line of
#     the page rendered at 80 columns is wider than that;
#  2. every command line option (from --help, from long_options and the
#     getopt string in src/main.c), every configuration option (from the
#     option table in src/options.c) and every key action (src/actions.def)
#     is documented in its place, by the page's conventions:
#       command line options   .It ... Fl X ... and .It ... Fl -name ...
#                              under .Sh OPTIONS
#       configuration options  .It Ic name ... under .Sh CONFIGURATION
#                              (but not under .Ss The topics file)
#       key actions            .It Ic name ... under .Sh KEY BINDINGS
#     and, the other way round, nothing is documented there that the
#     program no longer has;
#  3. every option printed by $SSNEWS --dump-config is documented;
#  4. what the page says of them matches the code:
#       -x commands            .It Cm name under .Sh OPTIONS (main.c)
#       --dump and --digest    each format as .Cm in the item of the
#       formats                option (the tables of parse_args())
#       option defaults        "The default is V" or "The default, V," in
#                              the option's item, V as --dump-config
#                              prints it ("When empty, as by default" for
#                              an empty string)
#       option values          the choices after .It Ic name, and
#                              "from MIN to MAX" for numbers (options.c)
#       default keys           .It Ic action Pq Cm KEY , KEY: exactly the
#                              keys of keys_default[] in src/keys.c
#       key and view names     each as .Cm under .Sh KEY BINDINGS
#  5. other lists of the code are documented, both ways where the page
#     has a list of its own:
#       environment variables  every getenv() of src/*.c, as .It Ev
#       topics file keywords   .It Ic under .Ss The topics file
#                              (src/topics-vocab.c)
#       built-in topics        .It Cm under .Ss Topics (data/topics)
#       colour elements        .It Cm under .Ss Colours (src/theme.c)
#       filter attributes      .It Cm under .Sh FILTERS (src/filter.c)
#
# Environment: SSNEWS, the binary; srcdir, the source tree (automake).
# Exit status: 0 pass, 1 failure, 99 hard error.

SSNEWS=${SSNEWS:-./ssnews}
srcdir=${srcdir:-.}
page=$srcdir/man/ssnews.1
main_c=$srcdir/src/main.c
options_c=$srcdir/src/options.c
actions_def=$srcdir/src/actions.def
keys_c=$srcdir/src/keys.c
theme_c=$srcdir/src/theme.c
filter_c=$srcdir/src/filter.c
vocab_c=$srcdir/src/topics-vocab.c
topics_data=$srcdir/data/topics

# Directives of the configuration file, documented beside the options.
directives="bind-key unbind-key color include"

for f in "$page" "$main_c" "$options_c" "$actions_def" "$keys_c" \
    "$theme_c" "$filter_c" "$vocab_c" "$topics_data"; do
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

# section NAME [SUB]: the lines of the page under ".Sh NAME", up to the
# next .Sh; with SUB, only those under ".Ss SUB" in it, up to the next .Ss.
section() {
	awk -v name="$1" -v sub_="${2-}" '
		/^\.Sh / { insec = (substr($0, 5) == name); inss = 0; next }
		/^\.Ss / { inss = (substr($0, 5) == sub_); if (sub_ != "") next }
		insec && (sub_ == "" || inss)' "$page"
}

# items SECTION [SUB [MACRO]]: the names after ".It Ic" (or ".It MACRO")
# in a section, one a line.
items() {
	section "$1" "${2-}" | awk -v m="${3:-Ic}" '
		$1 == ".It" && $2 == m { print $3 }'
}

# item SECTION SUB NAME: the lines of ".It Ic NAME" in a section, up to
# the next .It or .El of that list.
item() {
	section "$1" "$2" | awk -v name="$3" '
		$1 == ".It" && $2 == "Ic" && $3 == name {
			on = 1; depth = 0; print; next }
		on && /^\.Bl/ { depth++ }
		on && /^\.El/ { if (depth-- == 0) exit }
		on && depth == 0 && $1 == ".It" { exit }
		on'
}

# plain: mdoc lines on stdin as one line of text, roughly as rendered:
# macro names dropped, Ns joining, \& dropped, no blank before . , ; :
plain() {
	awk '
		/^\.\\"/ { next }
		/^\./ { line = ""; join = 0
			for (i = 2; i <= NF; i++) {
				if ($i == "Ns") { join = 1; continue }
				if ($i ~ /^[A-Z][a-z][a-z]?$/) continue
				line = line (join || line == "" ? "" : " ") $i
				join = 0
			}
			out = out (out == "" ? "" : " ") line; next }
		{ out = out (out == "" ? "" : " ") $0 }
		END { gsub(/\\&/, "", out); gsub(/ +/, " ", out)
			gsub(/ \./, ".", out); gsub(/ ,/, ",", out)
			gsub(/ ;/, ";", out); gsub(/ :/, ":", out); print out }'
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
section CONFIGURATION | awk '
	/^\.Ss / { skip = ($0 == ".Ss The topics file") }
	!skip && $1 == ".It" && $2 == "Ic" { print $3 }' >"$tmp/config-items"
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

# 4. What the page says of them.

# -x commands: the strings add_command() compares.
sed -n '/^add_command(/,/^}/p' "$main_c" |
    strings_after 'strcmp\(cmd,[ \t]*"[^"]*"' >"$tmp/x-commands"
section OPTIONS | awk '$1 == ".It" && $2 == "Cm" { print $3 }' \
    >"$tmp/x-items"
missing "-x commands of src/main.c" "$tmp/x-items" "$tmp/x-commands"

# The formats of --dump and --digest: the tables of parse_args().
# formats OPTION ARRAY: check that each format is a .Cm of the option.
formats() {
	awk -v a="$2" '
		index($0, " " a "[] =") { on = 1 }
		on { print }
		on && /};/ { exit }' "$main_c" |
	    tr ',' '\n' | sed -n 's/.*"\([^"]*\)".*/\1/p' >"$tmp/fmt-names"
	section OPTIONS | awk -v opt="$1" '
		$1 == ".It" { on = ($2 == "Fl" && $3 == opt) }
		on && $1 == ".Cm" { print $2 }' >"$tmp/fmt-items"
	missing "formats of $1 in src/main.c" "$tmp/fmt-items" \
	    "$tmp/fmt-names"
}
formats -dump dumps
formats -digest digests

# The option table as one line per option: name type min max choices.
sed -n '/option_table\[[^]]*\][[:space:]]*=[[:space:]]*{/,/^};/p' \
    "$options_c" | tr '\n\t' '  ' | awk '{
	n = split($0, e, /\[OPT_[A-Z0-9_]+\][ ]*=[ ]*\{/)
	for (i = 2; i <= n; i++) {
		split(e[i], f, /,/)
		for (j = 1; j <= 6; j++)
			gsub(/^ +| +$|"/, "", f[j])
		print f[1], f[2], f[3], f[4], f[6]
	}
}' >"$tmp/option-table"
# choices ARRAY: the strings of a static array of options.c
choices() {
	sed -n "/ $1\\[\\][[:space:]]*=/,/};/p" "$options_c" |
	    tr ',' '\n' | sed -n 's/.*"\([^"]*\)".*/\1/p' | sort
}
version=$(run_ssnews -V | sed -n '1s/^ssnews //p')
checks=$((checks + 1))
bad=
while read -r name value; do
	text=$(item CONFIGURATION Options "$name" | plain)
	[ -n "$text" ] || continue	# reported above
	case $value in
	'""')	want="When empty, as by default" ;;
	*)	value=$(printf '%s' "$value" | sed "s|$version|version|")
		want="The default is $value"
		case $text in
		*"The default, $value,"*) continue ;;
		esac ;;
	esac
	case $text in
	*"$want."* | *"$want,"* | *"$want;"* | *"$want "*) ;;
	*)	bad="$bad $name($value)" ;;
	esac
done <<EOF
$(awk '$0 !~ /^#/ && NF > 0' "$tmp/dump-config")
EOF
[ -z "$bad" ] ||
    fail "defaults not documented as --dump-config prints them:$bad"

checks=$((checks + 1))
bad=
while read -r name type min max arr; do
	head=$(item CONFIGURATION Options "$name" | sed -n 1p)
	[ -n "$head" ] || continue
	case $type in
	OPTION_BOOL)
		[ "$head" = ".It Ic $name Cm yes | no" ] ||
		    bad="$bad $name(yes|no)" ;;
	OPTION_CHOICE)
		got=$(echo "$head" | sed 's/^\.It Ic [^ ]* Cm //' |
		    tr ' ' '\n' | grep -v '^|$' | sort)
		[ "$got" = "$(choices "$arr")" ] || bad="$bad $name(choices)" ;;
	OPTION_NUMBER)
		case $(item CONFIGURATION Options "$name" | plain) in
		*"from $min to $max"*) ;;
		*) bad="$bad $name(from $min to $max)" ;;
		esac ;;
	esac
done <"$tmp/option-table"
[ -z "$bad" ] ||
    fail "option values or ranges differ from src/options.c:$bad"

# Default keys: keys_default[] against .It Ic ACTION Pq Cm KEY , KEY.
sed -n 's/^[[:space:]]*"bind-key \([^ ]*\) \([^ \\]*\)\\n"[;]*$/\2 \1/p' \
    "$keys_c" | sort >"$tmp/keys-code"
section "KEY BINDINGS" | awk '$1 == ".It" && $2 == "Ic" && $4 == "Pq" {
	for (i = 6; i <= NF; i++) {
		if ($i == ",") continue
		k = $i; gsub(/\\&/, "", k); print $3, k
	}
}' | sort >"$tmp/keys-page"
checks=$((checks + 1))
if [ ! -s "$tmp/keys-code" ]; then
	fail "found no default keys in $keys_c"
elif ! cmp -s "$tmp/keys-code" "$tmp/keys-page"; then
	fail "default keys differ (< src/keys.c, > page):"
	diff "$tmp/keys-code" "$tmp/keys-page" | grep '^[<>]' |
	    sed 's/^/	/'
fi

# Key names and views: each once as .Cm under KEY BINDINGS.
section "KEY BINDINGS" | awk '$1 == ".Cm" { k = $2; gsub(/\\&/, "", k)
	print k }' >"$tmp/cm-keys"
sed -n '/key_names\[\][[:space:]]*=/,/^};/p' "$keys_c" |
    strings_after '\{[ \t]*"[^"]*"' >"$tmp/key-names"
missing "key names of src/keys.c" "$tmp/cm-keys" "$tmp/key-names"
sed -n '/views\[VIEW_MAX\][[:space:]]*=/,/};/p' "$keys_c" | tr ',' '\n' |
    sed -n 's/.*"\([^"]*\)".*/\1/p' >"$tmp/views"
missing "views of src/keys.c" "$tmp/cm-keys" "$tmp/views"

# 5. Other lists.
cat "$srcdir"/src/*.c | strings_after 'getenv\("[^"]*"' | sort -u \
    >"$tmp/env-code"
section ENVIRONMENT | awk '$1 == ".It" && $2 == "Ev" {
	for (i = 3; i <= NF; i++) if ($i != "," && $i != "Ev") print $i
}' >"$tmp/env-page"
missing "environment variables read by src/*.c" "$tmp/env-page" \
    "$tmp/env-code"

strings_after 'strcmp\(word,[ \t]*"[^"]*"' <"$vocab_c" >"$tmp/vocab-code"
items CONFIGURATION "The topics file" >"$tmp/vocab-page"
missing "topics file keywords of src/topics-vocab.c" "$tmp/vocab-page" \
    "$tmp/vocab-code"
stale "topics file keywords" "$tmp/vocab-page" "$tmp/vocab-code"

awk '$1 == "topic" { print $2 }' "$topics_data" >"$tmp/topics-code"
items DESCRIPTION Topics Cm >"$tmp/topics-page"
missing "topics of data/topics" "$tmp/topics-page" "$tmp/topics-code"
stale "topics" "$tmp/topics-page" "$tmp/topics-code"

sed -n '/element_names\[EL_MAX\][[:space:]]*=/,/};/p' "$theme_c" |
    tr ',' '\n' | sed -n 's/.*"\([^"]*\)".*/\1/p' >"$tmp/elements-code"
items CONFIGURATION Colours Cm >"$tmp/elements-page"
missing "colour elements of src/theme.c" "$tmp/elements-page" \
    "$tmp/elements-code"
stale "colour elements" "$tmp/elements-page" "$tmp/elements-code"

sed -n '/filter_attrs\[\][[:space:]]*=/,/^};/p' "$filter_c" |
    strings_after '\{[ \t]*"[^"]*"' >"$tmp/attrs-code"
items FILTERS "" Cm >"$tmp/attrs-page"
missing "filter attributes of src/filter.c" "$tmp/attrs-page" \
    "$tmp/attrs-code"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
