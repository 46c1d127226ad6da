#!/bin/sh
# The translations stay valid, complete and current:
#  1. msgfmt --check accepts every po/*.po (headers, plural forms, printf
#     conversions in the same order and number);
#  2. fr, es and de have no untranslated and no fuzzy message;
#  3. every source file that marks strings (_, N_, P_) is in
#     po/POTFILES.in, and every message of the sources, extracted afresh
#     with the options of po/Makevars, is translated in fr, es and de
#     (msgcmp), so a changed or new message fails here, not in a release;
#  4. at run time, when ssnews honours SSNEWS_LOCALEDIR: --help, a
#     configuration error and a plural count come out translated, with the
#     option column of --help kept and every line under 80 columns.
#
# Environment: SSNEWS, the binary; srcdir, the source tree (automake).
# Exit status: 0 pass, 1 failure, 77 skip (no msgfmt), 99 hard error.

SSNEWS=${SSNEWS:-./ssnews}
srcdir=${srcdir:-.}
po=$srcdir/po
complete="fr es de"	# languages that must be translated in full

command -v msgfmt >/dev/null 2>&1 || { echo "SKIP: no msgfmt"; exit 77; }
for f in "$po/POTFILES.in" "$po/Makevars" "$po/LINGUAS"; do
	[ -r "$f" ] || { echo "ERROR: cannot read $f"; exit 99; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/po-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

failures=0
checks=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

ok() {
	echo "ok - $*"
}

# 1. Every catalogue compiles cleanly.
for f in "$po"/*.po; do
	[ -r "$f" ] || continue
	checks=$((checks + 1))
	if msgfmt --check -o /dev/null "$f" 2>"$tmp/err"; then
		ok "msgfmt --check $(basename "$f")"
	else
		fail "msgfmt --check $f:"
		sed 's/^/#   /' "$tmp/err"
	fi
done

# Every language of LINGUAS has its catalogue.
# shellcheck disable=SC2013 # (LINGUAS: words, several a line)
for l in $(sed 's/#.*//' "$po/LINGUAS"); do
	checks=$((checks + 1))
	[ -r "$po/$l.po" ] || fail "po/LINGUAS names $l but $po/$l.po is missing"
done

# 2. No untranslated or fuzzy message.  msgfmt --statistics writes, to
# standard error, "N translated messages[, N fuzzy translations][, N
# untranslated messages]."; only the first part may be there.
for l in $complete; do
	checks=$((checks + 1))
	if [ ! -r "$po/$l.po" ]; then
		fail "$po/$l.po is missing"
		continue
	fi
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po/$l.po" 2>&1)
	case $stats in
	*fuzzy* | *untranslated*)
		fail "$l.po is not complete: $stats" ;;
	[0-9]*" translated message"*)
		ok "$l.po: $stats" ;;
	*)
		fail "$l.po: unexpected msgfmt output: $stats" ;;
	esac
done

# 3. The catalogues follow the sources.  The files that mark strings
# (src/i18n.h defines the markers, it does not use them):
sed -e 's/#.*//' -e 's/[ 	]*$//' -e '/^$/d' "$po/POTFILES.in" \
    >"$tmp/listed" || exit 99
: >"$tmp/marked"
for f in "$srcdir"/src/*.c "$srcdir"/src/*.h "$srcdir"/src/*.def; do
	[ -r "$f" ] || continue
	case $f in */src/i18n.h) continue ;; esac
	if grep -Eq '(^|[^A-Za-z0-9_])(_|N_|P_)\(' "$f"; then
		echo "src/${f##*/}" >>"$tmp/marked"
	fi
done
checks=$((checks + 1))
missing=$(grep -Fvx -f "$tmp/listed" "$tmp/marked" | tr '\n' ' ' |
    sed 's/ $//')
if [ -n "$missing" ]; then
	fail "files with translatable strings missing from po/POTFILES.in:" \
	    "$missing"
else
	ok "po/POTFILES.in lists every file with translatable strings"
fi

# The options of po/Makevars (XGETTEXT_OPTIONS, continuation lines and
# all), so that this extraction is the one "make ssnews.pot-update" does.
xopts=$(awk '
	/^XGETTEXT_OPTIONS[ 	]*=/ { sub(/^[^=]*=/, ""); on = 1 }
	on { cont = sub(/\\$/, ""); printf "%s ", $0; if (!cont) exit }
' "$po/Makevars")
case $xopts in
*--keyword*) ;;
*)	xopts="--from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2
	    --add-comments=L10N" ;;
esac

if ! command -v xgettext >/dev/null 2>&1 ||
    ! command -v msgcmp >/dev/null 2>&1; then
	echo "# skip: no xgettext or msgcmp, the catalogues are not compared" \
	    "with the sources"
else
	sort -u "$tmp/listed" "$tmp/marked" >"$tmp/files"
	checks=$((checks + 1))
	# shellcheck disable=SC2086 # (xopts: several words)
	if xgettext --language=C --directory="$srcdir" \
	    --files-from="$tmp/files" $xopts -o "$tmp/current.pot" \
	    2>"$tmp/err"; then
		ok "xgettext: $(($(grep -c '^msgid ' "$tmp/current.pot") - 1))" \
		    "messages in the sources"
	else
		fail "xgettext failed:"
		sed 's/^/#   /' "$tmp/err"
	fi
	for l in $complete; do
		if [ ! -r "$po/$l.po" ] || [ ! -s "$tmp/current.pot" ]; then
			continue
		fi
		checks=$((checks + 1))
		if msgcmp "$po/$l.po" "$tmp/current.pot" >"$tmp/err" 2>&1
		then
			ok "$l.po has every message of the sources"
		else
			fail "$l.po is out of date (run msgmerge and" \
			    "translate):"
			sed 's/^/#   /' "$tmp/err" | head -n 40
		fi
	done
fi

# 4. At run time: the catalogues compiled into a private directory that
# ssnews is pointed at with SSNEWS_LOCALEDIR.
run_ssnews() {
	lang=$1
	shift
	HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config \
	    XDG_DATA_HOME=$tmp/home/.local/share \
	    SSNEWS_LOCALEDIR=$tmp/locale LC_ALL=C.UTF-8 LANGUAGE=$lang \
	    "$SSNEWS" "$@"
}

# columns: the number of characters of the widest line of standard input.
columns() {
	max=0
	while IFS= read -r line; do
		n=$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m)
		[ "$n" -gt "$max" ] && max=$n
	done
	echo "$max"
}

if [ ! -x "$SSNEWS" ]; then
	echo "# skip: no binary at $SSNEWS, no run-time check"
else
	mkdir -p "$tmp/home" || exit 99
	printf 'relod-time 5\n' >"$tmp/bad.conf"
	run_ssnews '' --help >"$tmp/help.en" 2>&1
	run_ssnews '' -C "$tmp/bad.conf" -x print-unread >"$tmp/conf.en" 2>&1
	# Lines of --help that start with an option, cut to the option column.
	grep '^ *-' "$tmp/help.en" | cut -c1-27 >"$tmp/optcol"
	utf8=$(printf '\303\251' | LC_ALL=C.UTF-8 wc -m | tr -d ' ')
	for l in $complete; do
		[ -r "$po/$l.po" ] || continue
		mkdir -p "$tmp/locale/$l/LC_MESSAGES" || exit 99
		msgfmt -o "$tmp/locale/$l/LC_MESSAGES/ssnews.mo" "$po/$l.po" ||
		    exit 99
		run_ssnews "$l" --help >"$tmp/help.$l" 2>&1
		if cmp -s "$tmp/help.en" "$tmp/help.$l"; then
			echo "# skip: ssnews --help is still English with" \
			    "LANGUAGE=$l: src/main.c does not honour" \
			    "SSNEWS_LOCALEDIR (or NLS is disabled)"
			continue
		fi
		checks=$((checks + 1))
		cut -c1-27 "$tmp/help.$l" >"$tmp/cols.$l"
		lost=$(grep -Fvx -f "$tmp/cols.$l" "$tmp/optcol")
		if [ -n "$lost" ]; then
			fail "$l: --help lost option columns:" "$lost"
		else
			ok "$l: --help keeps the option column"
		fi
		if [ "$utf8" = 1 ]; then
			checks=$((checks + 1))
			w=$(columns <"$tmp/help.$l")
			if [ "$w" -ge 80 ]; then
				fail "$l: a line of --help is $w columns wide"
			else
				ok "$l: --help is $w columns wide at most"
			fi
		fi

		# A configuration error: translated, its two names kept.
		checks=$((checks + 1))
		run_ssnews "$l" -C "$tmp/bad.conf" -x print-unread \
		    >"$tmp/conf.$l" 2>&1
		if cmp -s "$tmp/conf.en" "$tmp/conf.$l" ||
		    ! grep -q "'relod-time'.*'reload-time'" "$tmp/conf.$l"; then
			fail "$l: configuration error:" "$(cat "$tmp/conf.$l")"
		else
			ok "$l: $(cat "$tmp/conf.$l")"
		fi

		# A count with its plural form: what ngettext(1) finds in the
		# same catalogue for 0 (singular in French, plural otherwise).
		command -v ngettext >/dev/null 2>&1 || continue
		checks=$((checks + 1))
		want=$(TEXTDOMAINDIR=$tmp/locale LC_ALL=C.UTF-8 LANGUAGE=$l \
		    ngettext -e -d ssnews '%zu unread article\n' \
		    '%zu unread articles\n' 0 | sed 's/%zu/0/')
		got=$(run_ssnews "$l" -C /dev/null -u /dev/null \
		    -c "$tmp/cache" -x print-unread 2>&1)
		if [ "$got" = "$want" ]; then
			ok "$l: $got"
		else
			fail "$l: print-unread: '$got', want '$want'"
		fi
	done
fi

echo "# $checks checks, $failures failures"
[ "$failures" -eq 0 ] || exit 1
exit 0
