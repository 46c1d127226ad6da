#!/bin/sh
# --dump through the real binary: JSON Lines validity, errors beside good
# sources, the exit status contract, the TSV shape, no control bytes, and
# (when sfeed is installed) agreement with sfeed's tools.  Differences
# from sfeed's own parser are printed as NOTE lines, never failures.
#
# Environment: SSNEWS, the binary; srcdir, the source tree (automake).

SSNEWS=${SSNEWS:-./ssnews}
srcdir=${srcdir:-.}
data=$srcdir/tests/data
failures=0
checks=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dump-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# check DESCRIPTION COMMAND...: the command must succeed.
check() {
	what=$1
	shift
	checks=$((checks + 1))
	"$@" || fail "$what"
}

# Run ssnews, keep stdout in $tmp/out and the exit status in $status.
run() {
	"$SSNEWS" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

if [ ! -x "$SSNEWS" ]; then
	echo "no binary at $SSNEWS" >&2
	exit 99
fi
if command -v python3 >/dev/null 2>&1; then
	have_python=1
else
	have_python=0
fi

# The fixtures are the positional parameters from here on.
set --
for f in "$data"/*.xml "$data"/*.html "$data"/*.bin; do
	[ -f "$f" ] && set -- "$@" "$f"
done
nfixtures=$#

# One JSON line per source, in order, each valid JSON.
run --dump=json "$@"
check "json: exit status $status with good sources" [ "$status" -eq 0 ]
lines=$(wc -l <"$tmp/out")
check "json: $lines lines for $nfixtures sources" \
    [ "$lines" -eq "$nfixtures" ]
if [ "$have_python" -eq 1 ]; then
	check "json: invalid JSON or wrong sources" python3 -c '
import json, sys
srcs = sys.argv[1:]
for n, line in enumerate(sys.stdin):
    o = json.loads(line)
    assert o["source"] == srcs[n], (o["source"], srcs[n])
    for key in ("format", "error", "title", "link", "description",
                "language", "updated", "items"):
        assert key in o, key
    for it in o["items"]:
        assert it["content_type"] in ("html", "text")
        assert isinstance(it["categories"], list)
        assert isinstance(it["id"], str) and it["id"]
' "$@" <"$tmp/out"
else
	echo "SKIP: JSON validity (no python3)"
fi
cp "$tmp/out" "$tmp/all.json"

# No raw control bytes, C1 controls or bidi controls in either format.
# shellcheck disable=SC2317
nocontrols() {
	# C0 controls other than newline, and DEL (the JSON has no tabs)
	n=$(LC_ALL=C tr -d '\012\040-\176\200-\377' <"$1" | wc -c)
	[ "$n" -eq 0 ] || { echo "$1: $n control bytes" >&2; return 1; }
	c1=$(printf '\302[\200-\237]')
	bidi=$(printf '\342\200[\252-\256]')
	iso=$(printf '\342\201[\246-\251]')
	if LC_ALL=C grep -q -e "$c1" -e "$bidi" -e "$iso" "$1"; then
		echo "$1: C1 or bidi control" >&2
		return 1
	fi
}
check "json: control characters in the output" nocontrols "$tmp/all.json"
run --dump=tsv "$@"
check "tsv: exit status $status" [ "$status" -eq 0 ]
LC_ALL=C tr -d '\011' <"$tmp/out" >"$tmp/notabs"
check "tsv: control characters in the output" nocontrols "$tmp/notabs"
bad=$(awk -F '\t' 'NF != 9' "$tmp/out" | wc -l)
check "tsv: $bad lines without 9 fields" [ "$bad" -eq 0 ]
check "tsv: a timestamp that is not a number" sh -c \
    "! cut -f1 '$tmp/out' | grep -v '^[0-9]*\$' >/dev/null"
check "tsv: content-type other than html/plain/empty" sh -c \
    "! cut -f5 '$tmp/out' | grep -v -x -e html -e plain -e '' >/dev/null"

# A bad source among good ones: the good ones still print.
run --dump=json "$data/rss20-basic.xml" "$tmp/no-such-file.xml" \
    "$data/not-a-feed.html" "$data/atom10-basic.xml"
check "mixed: exit status $status, want 0" [ "$status" -eq 0 ]
check "mixed: $(wc -l <"$tmp/out") lines, want 4" \
    [ "$(wc -l <"$tmp/out")" -eq 4 ]
if [ "$have_python" -eq 1 ]; then
	check "mixed: errors in the wrong places" python3 -c '
import json, sys
o = [json.loads(l) for l in sys.stdin]
assert o[0]["error"] is None and len(o[0]["items"]) == 3, o[0]
assert isinstance(o[1]["error"], str) and o[1]["items"] == [], o[1]
assert isinstance(o[2]["error"], str) and o[2]["items"] == [], o[2]
assert o[2]["format"] is None, o[2]
assert o[3]["error"] is None and len(o[3]["items"]) == 3, o[3]
' <"$tmp/out"
else
	check "mixed: no error for the missing file" \
	    grep -q '"error":"' "$tmp/out"
fi

# Exit status: 1 when every source failed, 2 for usage errors.
run --dump=json "$tmp/no-such-file.xml" "$data/empty.xml" \
    "$data/not-a-feed.html" "$data/garbage.bin"
check "all failed: exit status $status, want 1" [ "$status" -eq 1 ]
check "all failed: $(wc -l <"$tmp/out") lines, want 4" \
    [ "$(wc -l <"$tmp/out")" -eq 4 ]
run --dump=tsv "$tmp/no-such-file.xml"
check "tsv, all failed: exit status $status, want 1" [ "$status" -eq 1 ]
check "tsv, all failed: no message on stderr" [ -s "$tmp/err" ]
run --dump=xml "$data/rss20-basic.xml"
check "--dump=xml: exit status $status, want 2" [ "$status" -eq 2 ]
check "--dump=xml: output on stdout" [ ! -s "$tmp/out" ]
run --no-such-option
check "unknown option: exit status $status, want 2" [ "$status" -eq 2 ]
run --dump=json "$data/rss20-basic.xml"
check "one good source: exit status $status, want 0" [ "$status" -eq 0 ]
run --dump "$data/rss20-basic.xml"
check "--dump without a format: exit status $status" [ "$status" -eq 0 ]
check "--dump without a format is not JSON" grep -q '^{"source":' "$tmp/out"
run --dump=json - <"$data/atom10-basic.xml"
check "stdin as -: exit status $status, want 0" [ "$status" -eq 0 ]
check "stdin as -: no items" grep -q '"title":"Floors in Africa"' \
    "$tmp/out"

# sfeed's tools read the TSV: titles in field 2, and sfeed_plain works.
# sfeed leaves the id empty without guid/id: that difference is not shown.
plain="rss20-basic.xml rss091.xml rss092.xml rdf-rss10.xml rss090.xml
    atom10-basic.xml atom03.xml atom10-links.xml rss20-content-encoded.xml
    rss20-dc.xml rss20-media.xml cdata.xml entities.xml latin1.xml
    windows1252.xml utf8-bom.xml utf16le-bom.xml seed-story.xml ids.xml"
if command -v sfeed >/dev/null 2>&1 && [ "$have_python" -eq 1 ]; then
	for f in $plain; do
		run --dump=tsv "$data/$f"
		cp "$tmp/out" "$tmp/ours.tsv"
		run --dump=json "$data/$f"
		check "$f: cut -f2 differs from the JSON titles" python3 -c '
import json, sys
titles = [i["title"] or "" for i in json.load(open(sys.argv[1]))["items"]]
cut = [l.rstrip("\n").split("\t")[1] for l in open(sys.argv[2])]
assert titles == cut, (titles, cut)
' "$tmp/out" "$tmp/ours.tsv"
		if command -v sfeed_plain >/dev/null 2>&1; then
			check "$f: sfeed_plain fails on our TSV" sh -c \
			    "sfeed_plain <'$tmp/ours.tsv' >'$tmp/plain'"
			check "$f: sfeed_plain printed another line count" [ \
			    "$(wc -l <"$tmp/plain")" -eq \
			    "$(wc -l <"$tmp/ours.tsv")" ]
		fi
		sfeed <"$data/$f" >"$tmp/sfeed.tsv" 2>/dev/null
		python3 -c '
import sys
names = ["timestamp", "title", "link", "content", "content-type", "id",
         "author", "enclosure", "categories"]
def load(name):
    with open(name, encoding="utf-8", errors="backslashreplace") as f:
        return [l.rstrip("\n").split("\t") for l in f]
ours, theirs = load(sys.argv[1]), load(sys.argv[2])
if len(ours) != len(theirs):
    print("NOTE: %s: %d items, sfeed %d" % (sys.argv[3], len(ours),
          len(theirs)))
for n, (a, b) in enumerate(zip(ours, theirs)):
    for k, name in enumerate(names):
        x = a[k] if k < len(a) else ""
        y = b[k] if k < len(b) else ""
        if x != y and not (name == "id" and y == ""):
            print("NOTE: %s item %d %s: ours %r, sfeed %r" % (sys.argv[3],
                  n, name, x[:80], y[:80]))
' "$tmp/ours.tsv" "$tmp/sfeed.tsv" "$f"
	done
else
	echo "SKIP: sfeed comparison (no sfeed or no python3)"
fi

# --filter sees the feed as the feed list gives it (its title, its tags),
# streamed TSV as well as JSON.
abs=$(cd "$data" && pwd)
mkdir -p "$tmp/home"
printf 'file://%s/rss20-basic.xml "~Pensions Desk" "watch"\n' "$abs" \
    >"$tmp/urls"
for fmt in json tsv; do
	HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home XDG_DATA_HOME=$tmp/home \
	    run --dump=$fmt -u "$tmp/urls" \
	    --filter='feedtitle =~ "Desk" and tags # "watch"'
	if [ $fmt = json ]; then
		n=$(grep -o '"id":' "$tmp/out" | wc -l)
	else
		n=$(wc -l <"$tmp/out")
	fi
	check "$fmt: listed title and tags seen by --filter ($n items)" \
	    [ "$status" -eq 0 -a "$n" -eq 3 ]
	run --dump=$fmt --filter='feedtitle =~ "Observer"' \
	    "$data/rss20-basic.xml"
	if [ $fmt = json ]; then
		n=$(grep -o '"id":' "$tmp/out" | wc -l)
	else
		n=$(wc -l <"$tmp/out")
	fi
	check "$fmt: the document's title seen by --filter ($n items)" \
	    [ "$n" -eq 3 ]
done

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ] || exit 1
exit 0
