#!/bin/sh
# The social-security views from the outside: topics in --dump=json,
# --filter, the story grouping and the digest in its three formats.
# Runs the real binary on fixture feeds (file:// URLs) in a private cache.
set -u
: "${SSNEWS:?}" "${srcdir:=.}"
data=$(cd "$srcdir/tests/data/digest" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssnews-digest-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export LC_ALL=C.UTF-8 LANGUAGE=
n=0 failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# Feeds: a ministry, and a news agency tagged "filter" (general news).
printf 'file://%s/ministry.xml "labour" "en"\n' "$data" >"$tmp/urls"
printf 'file://%s/agency.xml "agency" "filter" "en"\n' "$data" >>"$tmp/urls"
run() {
	"$SSNEWS" -u "$tmp/urls" -c "$tmp/cache" -C /dev/null "$@"
}
run -x reload -q
ok $? "reload of the fixtures"

# Topics in --dump=json.
out=$("$SSNEWS" -C /dev/null --dump=json "$data/ministry.xml")
echo "$out" | grep -q '"title":"Pension reform bill raises the retirement age to 67"[^}]*"topics":\["pensions"\]'
ok $? "dump: the pension story is about pensions"
echo "$out" | grep -q '"title":"Minister opens a new regional office"[^}]*"topics":\[\]'
ok $? "dump: the ceremony is about no topic"

# --filter with --dump: only matching items.
out=$("$SSNEWS" -C /dev/null --dump=tsv --filter 'topics # "unemployment"' \
    "$data/ministry.xml" "$data/agency.xml" | cut -f2)
[ "$out" = "Unemployment insurance claims fall for the third month" ]
ok $? "dump --filter keeps only the unemployment story"
"$SSNEWS" -C /dev/null --dump --filter 'title =~ (' "$data/ministry.xml" \
    >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'column' "$tmp/err"
ok $? "a bad --filter is a usage error naming the column"

# The digest, as text: sections by topic then source; the agency's copy of
# the pension story and its aggregated link are one story; the football
# result of a general news feed is left out; "Other news" holds the
# ministry's item without a topic.
run --digest --since=36500d | sed 1d >"$tmp/text"
cat >"$tmp/want" <<'EOT'

Pensions

  Ministry of Labour
    2025-11-10  Pension reform bill raises the retirement age to 67
                https://labour.example.gov/news/1?utm_source=rss
                also in: News Agency

Unemployment

  Ministry of Labour
    2025-11-11  Unemployment insurance claims fall for the third month
                https://labour.example.gov/news/2

Other news

  Ministry of Labour
    2025-11-12  Minister opens a new regional office
                https://labour.example.gov/news/3
EOT
diff -u "$tmp/want" "$tmp/text" >&2
ok $? "digest as text"

run --digest=markdown --since=36500d >"$tmp/md"
grep -q '^## Pensions$' "$tmp/md" &&
    grep -q '^### Ministry of Labour$' "$tmp/md" &&
    grep -qF '(https://labour.example.gov/news/1?utm_source=rss)' "$tmp/md"
ok $? "digest as Markdown"

run --digest=html --since=36500d --filter 'title =~ "reform"' >"$tmp/html"
grep -q '<h2>Pensions</h2>' "$tmp/html" && ! grep -q 'Unemployment' "$tmp/html" &&
    grep -q '<a href="https://labour.example.gov/news/1?utm_source=rss">' \
    "$tmp/html"
ok $? "digest as HTML, filtered"

run --digest --since=1d | grep -q 'Nothing in this period'
ok $? "an empty period says so"
run --digest --since=yesterday >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "a bad --since is a usage error"

# A topics file that changes the vocabulary (here: the same two topics in
# the other order): the cached articles are tagged anew, not read by the
# old positions.
mkdir -p "$tmp/config/ssnews"
cat >"$tmp/config/ssnews/topics" <<'EOT'
replace
topic unemployment
en: unemployment insurance
topic pensions
en: pension reform
EOT
run --digest --since=36500d >"$tmp/text"
# section NAME: the lines of that section of the text digest.
section() {
	awk -v s="$1" '/^[A-Z]/ { on = ($0 == s) } on' "$tmp/text"
}
section Pensions | grep -q 'Pension reform' &&
    section Unemployment | grep -q 'Unemployment insurance' &&
    ! section Unemployment | grep -q 'Pension reform'
ok $? "an edited topics file tags the cached articles anew"
rm "$tmp/config/ssnews/topics"
run --digest --since=36500d | sed 1d | diff -u "$tmp/want" - >&2
ok $? "back to the built-in vocabulary"

echo "1..$n"
[ "$failed" -eq 0 ]
