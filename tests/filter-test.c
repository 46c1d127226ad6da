/*
 * Unit tests for filter.c: parse errors with their columns, every
 * attribute and operator over four hand-built items, precedence, the
 * caps, and random input that must never crash the parser.
 */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "buf.h"
#include "feed.h"
#include "filter.h"
#include "re.h"
#include "text.h"
#include "topics.h"
#include "xmalloc.h"

#define DAY	86400
#define NOW	((time_t)1710504000)	/* 2024-03-15 12:00:00 UTC */
#define T_IT1	(NOW - 2 * DAY - 3600)	/* 03-13 11:00 UTC, age 2 */
#define T_IT2	((time_t)1709281800)	/* 03-01 08:30 UTC, age 14 */
#define T_IT3	(NOW - 3600)		/* 03-15 11:00 UTC, age 0 */
#define NITEMS	4

static struct feed	*feed_a, *feed_b;
static struct item	*items[NITEMS];
static int		 content_calls;
static struct item	*content_last;

/* What the store would give back for each item. */
static const char *const bodies[NITEMS] = {
	"<p>Le gouvernement pr\xc3\xa9sente la r\xc3\xa9" "forme.</p>\n"
	    "D\xc3\xa9tails \xc3\xa0 venir.",
	"Benefits rise by 3% in April.",
	"Stored body about disability insurance.",
	NULL,
};

static const char *
content_cb(struct item *it, void *arg)
{
	int	 i;

	(*(int *)arg)++;
	content_last = it;
	for (i = 0; i < NITEMS; i++) {
		if (items[i] == it)
			return bodies[i];
	}
	return NULL;
}

static char **
make_list(int n, ...)
{
	va_list	  ap;
	char	**v;
	int	  i;

	v = xcalloc((size_t)n + 1, sizeof *v);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		v[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	return v;
}

static struct item *
make_item(struct feed *f, const struct item *d)
{
	struct item	*it;

	it = item_pack(d);
	feed_add_item(f, it);
	return it;
}

/* Two feeds, four items; see the comments for what each one holds. */
static void
setup(void)
{
	static const char	*cats1[] = { "Retraite", "Social Security" };
	static const char	*cats3[] = { "Disability" };
	struct item		 d;

	feed_a = feed_new("https://a.example/rss");
	feed_a->title = xstrdup("Caisse Nationale");
	feed_a->tags = make_list(2, "fr", "pensions-news");
	feed_a->ntags = 2;
	feed_a->language = xstrdup("fr-FR");
	feed_b = feed_new("https://b.example/atom");
	feed_b->title = xstrdup("B Title");
	feed_b->custom_title = xstrdup("Custom B");

	/* it1: French, unread, age 2, language from its feed. */
	memset(&d, 0, sizeof d);
	d.title = "R\xc3\xa9" "forme des retraites : l'\xc3\xa2ge l\xc3\xa9gal";
	d.link = "https://a.example/1";
	d.author = "Jean Dupont";
	d.categories = cats1;
	d.ncategories = 2;
	d.published = T_IT1;
	d.updated = d.seen = DATE_NONE;
	d.flags = ITEM_UNREAD;
	d.topics = 1u << 0;
	d.summary = xstrdup("<p>Le gouvernement pr\xc3\xa9sente la "
	    "r\xc3\xa9" "forme.</p>");
	d.content = xstrdup("D\xc3\xa9tails \xc3\xa0 venir.");
	items[0] = make_item(feed_a, &d);

	/* it2: English, read, dated by updated only, age 14. */
	memset(&d, 0, sizeof d);
	d.title = "Unemployment benefits 2024";
	d.link = "http://a.example/2";
	d.lang = "en";
	d.published = d.seen = DATE_NONE;
	d.updated = T_IT2;
	d.topics = 1u << 1;
	d.content = xstrdup("Benefits rise by 3% in April.");
	items[1] = make_item(feed_a, &d);

	/* it3: body in the store, unread, dated by seen, age 0. */
	memset(&d, 0, sizeof d);
	d.title = "42";
	d.link = "https://b.example/3";
	d.author = "ACME Corp";
	d.lang = "de";
	d.categories = cats3;
	d.ncategories = 1;
	d.published = d.updated = DATE_NONE;
	d.seen = T_IT3;
	d.flags = ITEM_UNREAD | ITEM_STORED;
	d.topics = (1u << 0) | (1u << 2);
	items[2] = make_item(feed_b, &d);

	/* it4: nothing known at all, read. */
	memset(&d, 0, sizeof d);
	d.published = d.updated = d.seen = DATE_NONE;
	items[3] = make_item(feed_b, &d);
}

/* Which items f matches, as a bit mask (bit i: items[i]). */
static int
mask_of(const struct filter *f, const struct filter_env *env)
{
	int	 i, mask = 0;

	for (i = 0; i < NITEMS; i++) {
		if (filter_match(f, items[i], env))
			mask |= 1 << i;
	}
	return mask;
}

/* The same for an expression, or -1 if it does not parse. */
static int
match_mask(const char *expr, const struct filter_env *env)
{
	struct filter	*f;
	char		*cause = NULL;
	int		 mask;

	f = filter_parse(expr, &cause);
	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", expr, cause);
		free(cause);
		return -1;
	}
	mask = mask_of(f, env);
	filter_free(f);
	return mask;
}

static void
test_eval(void)
{
	static const struct {
		const char	*expr;
		int		 mask;
	} cases[] = {
		/* title: regex raw and case-insensitive, the rest folded */
		{ "title =~ \"retraite\"", 0x1 },
		{ "title =~ \"UNEMPLOYMENT\"", 0x2 },
		{ "title =~ \"^R\xc3\x89" "FORME\"", 0x1 },
		{ "title !~ \"retraite\"", 0xe },
		{ "title =~ \"^$\"", 0x8 },
		{ "title = \"r\xc3\xa9" "forme des retraites : "
		    "l'\xc3\xa2ge l\xc3\xa9gal\"", 0x1 },
		{ "title = \"REFORME DES RETRAITES : L'AGE LEGAL\"", 0x1 },
		{ "title == \"reforme  des retraites : l'age legal \"", 0x1 },
		{ "title = \"reforme\"", 0x0 },
		{ "title = 42", 0x4 },
		{ "title = 042", 0x4 },
		{ "title = \"42\"", 0x4 },
		{ "title != 42", 0xb },
		{ "title > 41", 0x7 },
		{ "title < \"b\"", 0xc },
		{ "title >= \"u\"", 0x2 },
		{ "title <= \"42\"", 0xc },
		{ "title # \"retraites\"", 0x1 },
		{ "title # \"retraite\"", 0x0 },
		{ "title # \"des retraites\"", 0x1 },
		{ "title # \"AGE\"", 0x1 },
		{ "title # 2024", 0x2 },
		{ "title !# \"retraites\"", 0xe },
		{ "title # \"\"", 0xf },
		/* content, through the callback */
		{ "content =~ \"gouvernement\"", 0x1 },
		{ "content =~ \"D\xc3\xa9tails\"", 0x1 },
		{ "content =~ \"april\\.$\"", 0x2 },
		{ "content =~ \"april\\\\.$\"", 0x2 },
		{ "content # \"disability\"", 0x4 },
		{ "content # \"3%\"", 0x2 },
		{ "content # \"gouvernement presente\"", 0x1 },
		{ "content = \"\"", 0x8 },
		/* author, link, feedtitle, feedurl */
		{ "author = \"jean dupont\"", 0x1 },
		{ "author != \"jean dupont\"", 0xe },
		{ "author = \"\"", 0xa },
		{ "author # acme", 0x4 },
		{ "link =~ \"^https:\"", 0x5 },
		{ "link # \"a.example\"", 0x3 },
		{ "feedtitle = \"caisse nationale\"", 0x3 },
		{ "feedtitle = \"Custom B\"", 0xc },
		{ "feedurl =~ \"atom$\"", 0xc },
		{ "feedurl = \"https://a.example/rss\"", 0x3 },
		/* language: the item's, else the feed's; "fr" takes "fr-FR" */
		{ "language = \"fr\"", 0x1 },
		{ "language = \"FR-fr\"", 0x1 },
		{ "language = en", 0x2 },
		{ "language = \"f\"", 0x0 },
		{ "language = \"\"", 0x8 },
		{ "language != \"de\"", 0xb },
		{ "language =~ \"^(en|de)$\"", 0x6 },
		/* tags: the feed's */
		{ "tags # \"fr\"", 0x3 },
		{ "tags # FR", 0x3 },
		{ "tags !# \"fr\"", 0xc },
		{ "tags # \"pensions\"", 0x0 },
		{ "tags = \"fr pensions-news\"", 0x3 },
		{ "tags = \"fr\"", 0x0 },
		{ "tags = \"\"", 0xc },
		{ "tags =~ \"^pen\"", 0x3 },
		{ "tags =~ \"^fr pen\"", 0x0 },
		/* categories */
		{ "categories # \"retraite\"", 0x1 },
		{ "categories # \"social security\"", 0x1 },
		{ "categories # \"social\"", 0x0 },
		{ "categories # Disability", 0x4 },
		{ "categories =~ \"^soc\"", 0x1 },
		{ "categories = \"retraite social security\"", 0x1 },
		{ "categories = \"\"", 0xa },
		{ "categories !# \"retraite\"", 0xe },
		/* age: 2, 14, 0 and unknown */
		{ "age < 7", 0x5 },
		{ "age >= 7", 0x2 },
		{ "age = 0", 0x4 },
		{ "age != 0", 0xb },
		{ "age <= 2", 0x5 },
		{ "age > 2", 0x2 },
		{ "age = 14", 0x2 },
		{ "age between 1:14", 0x3 },
		{ "age between 14:1", 0x3 },
		{ "age between 0:1", 0x4 },
		{ "age between 3 : 13", 0x0 },
		{ "age < \"7\"", 0x5 },
		/* unread: items 1 and 3 */
		{ "unread = yes", 0x5 },
		{ "unread = \"yes\"", 0x5 },
		{ "unread = no", 0xa },
		{ "unread = true", 0x5 },
		{ "unread = FALSE", 0xa },
		{ "unread = 1", 0x5 },
		{ "unread = 0", 0xa },
		{ "unread != yes", 0xa },
		{ "unread", 0x5 },
		{ "UNREAD == YES", 0x5 },
		{ "not unread", 0xa },
		{ "!unread", 0xa },
		/* date: 03-13 11:00, 03-01 08:30, 03-15 11:00, unknown */
		{ "date = \"2024-03-13\"", 0x1 },
		{ "date = 2024-03-13", 0x1 },
		{ "date = 2024-3-1", 0x2 },
		{ "date = \"2024-03-13 11:00\"", 0x1 },
		{ "date = \"2024-03-13T11:00\"", 0x1 },
		{ "date = \"2024-03-13 11:01\"", 0x0 },
		{ "date != \"2024-03-13\"", 0xe },
		{ "date < \"2024-03-13\"", 0x2 },
		{ "date <= \"2024-03-13\"", 0x3 },
		{ "date > \"2024-03-13\"", 0x4 },
		{ "date >= \"2024-03-13\"", 0x5 },
		{ "date > \"2024-03-01 08:29\"", 0x7 },
		{ "date > \"2024-03-01 08:30\"", 0x5 },
		{ "date < \"2024-03-01 08:31\"", 0x2 },
		{ "date between \"2024-03-01\":\"2024-03-13\"", 0x3 },
		{ "date between \"2024-03-13\":\"2024-03-01\"", 0x3 },
		{ "date between 2024-03-02:2024-03-15", 0x5 },
		{ "date between \"2024-03-15 11:00\":\"2024-03-15 11:00\"",
		    0x4 },
		/* and, or, not, parentheses and precedence */
		{ "unread = yes and age < 1", 0x4 },
		{ "unread = yes or age > 10", 0x7 },
		{ "age > 10 or unread = yes and age < 1", 0x6 },
		{ "(age > 10 or unread = yes) and age < 1", 0x4 },
		{ "unread and age < 1 or age > 10", 0x6 },
		{ "not age > 10 or unread = yes", 0xd },
		{ "not (age > 10 or unread = yes)", 0x8 },
		{ "not not unread", 0x5 },
		{ "!!unread", 0x5 },
		{ "! (tags # \"fr\")", 0xc },
		{ "unread and not tags # \"fr\" or title = 42", 0x4 },
		{ "link =~ example and link =~ https and link =~ 3", 0x4 },
		{ "age < 1 or age > 10 or date = \"2024-03-13\"", 0x7 },
		{ "(unread = no) and (author = \"\")", 0xa },
		{ "((((unread))))", 0x5 },
		{ "not (unread or age > 10) and not author = \"\"", 0x0 },
		{ "(title =~ \"x\" or unread) and (tags # fr or age = 0)",
		    0x5 },
		{ "title=~\"retraite\"or(title=42)", 0x5 },
		{ "unread AND age<1 OR age>10", 0x6 },
	};
	struct filter_env	 env = { NOW, content_cb, &content_calls };
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(match_mask(cases[i].expr, &env) == cases[i].mask,
		    "%s: got 0x%x, want 0x%x", cases[i].expr,
		    (unsigned)match_mask(cases[i].expr, &env),
		    (unsigned)cases[i].mask);
	}
}

/* topics.c is being rewritten: build the expressions from its names. */
static void
test_topics(void)
{
	struct filter_env	 env = { NOW, content_cb, &content_calls };
	char			 expr[256];
	const char		*t0, *t1, *t2;

	CHECK(topics_count() >= 3, "need three topics, have %u",
	    topics_count());
	if (topics_count() < 3)
		return;
	t0 = topics_id(0);
	t1 = topics_id(1);
	t2 = topics_id(2);
	snprintf(expr, sizeof expr, "topics # \"%s\"", t0);
	CHECK(match_mask(expr, &env) == 0x5, "%s", expr);
	snprintf(expr, sizeof expr, "topics # \"%s\"", t1);
	CHECK(match_mask(expr, &env) == 0x2, "%s", expr);
	snprintf(expr, sizeof expr, "topics !# \"%s\"", t1);
	CHECK(match_mask(expr, &env) == 0xd, "%s", expr);
	snprintf(expr, sizeof expr, "topics = \"%s %s\"", t0, t2);
	CHECK(match_mask(expr, &env) == 0x4, "%s", expr);
	snprintf(expr, sizeof expr, "topics =~ \"^%s$\"", t2);
	CHECK(match_mask(expr, &env) == 0x4, "%s", expr);
	CHECK(match_mask("topics = \"\"", &env) == 0x8, "no topics");
}

/* Without a callback, summary and content are read from the item. */
static void
test_env(void)
{
	struct filter_env	 env = { NOW, NULL, NULL };
	struct filter_env	 cb = { NOW, content_cb, &content_calls };
	struct filter		*f;

	CHECK(match_mask("content =~ \"D\xc3\xa9tails\"", &env) == 0x1,
	    "summary and content joined");
	CHECK(match_mask("content =~ \"forme\\.</p>.D\"", &env) == 0x1,
	    "joined with one character");
	CHECK(match_mask("content = \"\"", &env) == 0xc, "stored is empty");
	CHECK(match_mask("content # benefits", NULL) == 0x2, "env NULL");
	CHECK(match_mask("age < 1", NULL) == 0x0, "env NULL: now is now");

	/* and/or skip the content when the answer is known. */
	content_calls = 0;
	CHECK(match_mask("unread = no and content =~ \"x\"", &cb) == 0,
	    "short and");
	CHECK(content_calls == 2, "and: %d calls", content_calls);
	CHECK(content_last == items[3], "and: last call");
	content_calls = 0;
	CHECK(match_mask("unread or content =~ \"x\"", &cb) == 0x5,
	    "short or");
	CHECK(content_calls == 2, "or: %d calls", content_calls);

	f = filter_parse("unread or content = \"\"", NULL);
	CHECK(f != NULL && filter_needs_content(f), "needs content");
	filter_free(f);
	f = filter_parse("unread or title = \"\"", NULL);
	CHECK(f != NULL && !filter_needs_content(f), "no content");
	filter_free(f);
	filter_free(NULL);
}

static void
check_parse(const char *expr, const char *want)
{
	struct filter	*f;
	char		*cause = NULL;

	f = filter_parse(expr, &cause);
	CHECK((f != NULL) == (want == NULL), "%s: %s", expr,
	    cause != NULL ? cause : "parsed");
	CHECK_STR(cause, want, expr);
	filter_free(f);
	free(cause);
}

static void
test_parse(void)
{
	static const struct {
		const char	*expr;
		const char	*cause;		/* NULL: valid */
	} cases[] = {
		{ "title == \"x\"", NULL },
		{ "tags # fr", NULL },
		{ "unread", NULL },
		{ "not(unread)", NULL },
		{ "AGE<7", NULL },
		{ "title=~\"x\"and(unread)", NULL },
		{ "date between \"2024-01-01\":\"2024-12-31 23:59\"", NULL },
		{ "date = \"2024-02-29\"", NULL },
		{ "date = \"2000-02-29\"", NULL },
		{ "title = \"and\"", NULL },
		{ "title = \"a \\\"quoted\\\" word\"", NULL },
		{ "\t unread \n", NULL },
		{ "", "column 1: expected an attribute, '(' or 'not'" },
		{ "   ", "column 4: expected an attribute, '(' or 'not'" },
		{ "titel = \"x\"", "column 1: unknown attribute 'titel'" },
		{ "title", "column 6: expected an operator after 'title'" },
		{ "title \"x\"", "column 7: expected an operator after "
		    "'title'" },
		{ "title =~", "column 9: expected a value after '=~'" },
		{ "title = \"abc", "column 9: unterminated string" },
		{ "title = \"abc\\\"", "column 9: unterminated string" },
		{ "age =~ \"x\"", "column 5: operator '=~' cannot be used "
		    "with 'age'" },
		{ "age < x", "column 7: expected a number after '<'" },
		{ "age < 7d", "column 7: expected a number after '<'" },
		{ "age < 1234567890", "column 7: number too large" },
		{ "age between 1", "column 14: expected ':' between the two "
		    "ends of the range" },
		{ "age between 1:", "column 15: expected a value after ':'" },
		{ "age between 1:x", "column 15: expected a number after "
		    "':'" },
		{ "unread = maybe", "column 10: expected yes or no after "
		    "'='" },
		{ "date < \"2024-02-30\"", "column 8: expected a date "
		    "(YYYY-MM-DD or YYYY-MM-DD HH:MM) after '<'" },
		{ "date = \"2023-02-29\"", "column 8: expected a date "
		    "(YYYY-MM-DD or YYYY-MM-DD HH:MM) after '='" },
		{ "date = \"1900-02-29\"", "column 8: expected a date "
		    "(YYYY-MM-DD or YYYY-MM-DD HH:MM) after '='" },
		{ "date = \"2024-01-01 24:00\"", "column 8: expected a date "
		    "(YYYY-MM-DD or YYYY-MM-DD HH:MM) after '='" },
		{ "date = \"2024-01-01 \"", "column 8: expected a date "
		    "(YYYY-MM-DD or YYYY-MM-DD HH:MM) after '='" },
		{ "date = 7", "column 8: expected a date "
		    "(YYYY-MM-DD or YYYY-MM-DD HH:MM) after '='" },
		{ "(unread", "column 8: expected ')' to close the '(' at "
		    "column 1" },
		{ "unread and ((unread)", "column 21: expected ')' to close "
		    "the '(' at column 12" },
		{ "unread)", "column 7: unexpected ')'" },
		{ "unread unread", "column 8: expected 'and', 'or' or the "
		    "end of the expression" },
		{ "unread and", "column 11: expected an attribute, '(' or "
		    "'not'" },
		{ "unread or or unread", "column 11: expected an attribute, "
		    "'(' or 'not'" },
		{ "title ~ \"x\"", "column 7: unexpected character '~'" },
		{ "tags < \"a\"", "column 6: operator '<' cannot be used "
		    "with 'tags'" },
		{ "title between 1:2", "column 7: operator 'between' cannot "
		    "be used with 'title'" },
		{ "unread # yes", "column 8: operator '#' cannot be used "
		    "with 'unread'" },
		{ "date =~ \"2024\"", "column 6: operator '=~' cannot be used "
		    "with 'date'" },
		{ "title = and", "column 9: expected a value after '='" },
		{ "title = )", "column 9: expected a value after '='" },
		{ "\xc2\xabtitre\xc2\xbb = 1", "column 1: unknown attribute "
		    "'\xc2\xabtitre\xc2\xbb'" },
		{ "title = \"\xc3\xa9\" or titl = 2", "column 16: unknown "
		    "attribute 'titl'" },
		{ "title = \"\xc3\xa9\xc3\xa9\" ~", "column 14: unexpected "
		    "character '~'" },
		{ "title = \x01", "column 9: unexpected control character" },
		{ "not", "column 4: expected an attribute, '(' or 'not'" },
		{ "()", "column 2: expected an attribute, '(' or 'not'" },
		{ "title = \"x\" and between", "column 17: expected an "
		    "attribute, '(' or 'not'" },
		{ "age between 1:2:3", "column 16: expected 'and', 'or' or "
		    "the end of the expression" },
		{ ":", "column 1: expected an attribute, '(' or 'not'" },
		{ "unread = yes = no", "column 14: expected 'and', 'or' or "
		    "the end of the expression" },
		{ "title\x1b[31m = 1", "column 6: unexpected control "
		    "character" },
	};
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_parse(cases[i].expr, cases[i].cause);
}

static int
cause_starts(const char *expr, const char *prefix)
{
	struct filter	*f;
	char		*cause = NULL;
	int		 ok;

	f = filter_parse(expr, &cause);
	ok = f == NULL && cause != NULL &&
	    strncmp(cause, prefix, strlen(prefix)) == 0;
	if (!ok)
		fprintf(stderr, "%s: %s\n", expr, cause ? cause : "parsed");
	filter_free(f);
	free(cause);
	return ok;
}

static void
test_regex(void)
{
	struct filter	*f;

	CHECK(cause_starts("title =~ \"[a\"",
	    "column 10: invalid regular expression: "), "bad bracket");
	CHECK(cause_starts("unread or title !~ \"(\"",
	    "column 20: invalid regular expression: "), "bad paren");
	CHECK(cause_starts("tags =~ \"a{2,1}\"",
	    "column 9: invalid regular expression: "), "bad interval");
	CHECK(cause_starts("title =~ \"x\" and content =~ \"*+\\\\\"",
	    "column 29: invalid regular expression: "), "trailing \\");
	/* the message goes nowhere when cause is NULL */
	CHECK(filter_parse("title =~ \"[\"", NULL) == NULL, "NULL cause");
	/* Repetitions regcomp() would spell out into gigabytes (found by
	 * the filter fuzzer), refused before it sees them. */
	CHECK(cause_starts("title =~ \"sio++++++++++++++++++++++++++++++n\"",
	    "column 10: the regular expression repeats too much"), "a+++");
	CHECK(cause_starts("title =~ \"(((((((((((((((((a+)+)+)+)+)+)+)+)+)+)"
	    "+)+)+)+)+)+)+)+)+\"", "column 10: the regular expression "
	    "repeats too much"), "((a+)+)+");
	CHECK(cause_starts("title =~ \"((a{99}){99}){99}\"", "column 10: the "
	    "regular expression repeats too much"), "(a{99}){99}");
	CHECK(cause_starts("title =~ \"((a*)+){1000}\"", "column 10: the "
	    "regular expression repeats too much"), "((a*)+){1000}");
	CHECK(cause_starts("title =~ \"sio*+++++++++++++++1+ ?\"", "column 10: "
	    "the regular expression repeats too much"), "o*+++");
	f = filter_parse("title =~ \"(pension|retraite)s?[[:space:]]+"
	    "(reform|r.forme){1,2}\"", NULL);
	CHECK(f != NULL, "an ordinary pattern compiles");
	filter_free(f);
}

/* What re_cost() counts, worked out by hand: the pattern's nodes once
 * repetitions are spelt out, plus the square of its empty transitions
 * (one per *, ? and |, per optional copy, and per + and {m,}). */
static void
test_re_cost(void)
{
	static const struct {
		const char	*re;
		size_t		 cost;
	} cases[] = {
		{ "", 0 },
		{ "pension", 7 },
		{ "a+", 3 },			/* aa* */
		{ "a++", 13 },			/* (aa*)(aa*)* */
		{ "(ab)+", 5 },
		{ "a{3}", 3 },
		{ "a{2,5}", 14 },
		{ "a{4,}", 5 },
		{ "(a{3}){2}", 6 },
		{ "[a-z]+x", 4 },		/* a bracket is one node */
		{ "[]+]", 1 },			/* ... even holding + */
		{ "[[:alpha:]]{2}", 2 },
		{ "\\+", 1 },			/* a plain + */
		{ "\\\\+", 3 },		/* a backslash, twice */
		{ "\\{9}", 3 },		/* a plain brace */
		{ "\\\\{9}", 9 },
		{ "a{x}", 4 },			/* a plain brace */
		{ "a*b?c|d", 13 },
		{ "x)", 2 },			/* a plain parenthesis */
	};
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(re_cost(cases[i].re) == cases[i].cost, "%s: %zu, want %zu",
		    cases[i].re, re_cost(cases[i].re), cases[i].cost);
	CHECK(re_cost("a+++++++++++++++++++++++++++++++++++++++++++++++++++++"
	    "+++++++++++++++") > RE_COST_MAX, "saturates, no overflow");
	CHECK(re_cost("((((((((((((((((((((((((((((((((((((((((((((((((((((((("
	    "((((((((((a") > RE_COST_MAX, "too deep");
}

/* Match expr against an item of no feed published at t; -1: no parse. */
static int
match_lone(time_t t, const char *expr)
{
	struct item	 d, *it;
	struct filter	*f;
	int		 r = -1;

	memset(&d, 0, sizeof d);
	d.published = t;
	d.updated = d.seen = DATE_NONE;
	it = item_pack(&d);
	f = filter_parse(expr, NULL);
	if (f != NULL)
		r = filter_match(f, it, NULL);
	filter_free(f);
	item_free(it);
	return r;
}

/*
 * Dates are local time: the day the clocks go forward has 23 hours.  The
 * item belongs to no feed, so feed attributes are empty.
 */
static void
test_local(void)
{
	static const struct {
		time_t		 t;
		const char	*expr;
		int		 want;
	} cases[] = {
		/* 00:00 CET */
		{ 1711839600, "date = \"2024-03-31\"", 1 },
		{ 1711839599, "date = \"2024-03-31\"", 0 },
		{ 1711839599, "date < \"2024-03-31\"", 1 },
		/* 23:59:59 CEST */
		{ 1711922399, "date = \"2024-03-31\"", 1 },
		{ 1711922399, "date = \"2024-03-31 23:59\"", 1 },
		{ 1711922400, "date = \"2024-03-31\"", 0 },
		{ 1711922400, "date > \"2024-03-31\"", 1 },
		{ 1711922400, "date <= \"2024-03-31\"", 0 },
		{ 1711922400, "feedtitle = \"\" and feedurl = \"\"", 1 },
		{ 1711922400, "tags = \"\" and language = \"\"", 1 },
		{ 1711922400, "tags # \"\" or tags =~ \".\"", 0 },
	};
	size_t	 i;

	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(match_lone(cases[i].t, cases[i].expr) == cases[i].want,
		    "%s at %lld", cases[i].expr, (long long)cases[i].t);
	}
	setenv("TZ", "UTC0", 1);
	tzset();
}

/* Repeat s n times into an allocated string, with head and tail. */
static char *
repeat(const char *head, const char *s, size_t n, const char *tail)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, BUF_UNLIMITED);
	buf_addstr(&b, head);
	for (i = 0; i < n; i++)
		buf_addstr(&b, s);
	buf_addstr(&b, tail);
	return buf_take(&b);
}

static void
check_cap(char *expr, const char *cause)
{
	struct filter	*f;
	char		*got = NULL;

	f = filter_parse(expr, &got);
	CHECK((f != NULL) == (cause == NULL), "%.40s...: %s", expr,
	    got != NULL ? got : "parsed");
	if (cause != NULL)
		CHECK_STR(got, cause, "cap");
	if (f != NULL)
		CHECK(filter_match(f, items[0], NULL) == 1, "cap match");
	filter_free(f);
	free(got);
	free(expr);
}

static void
test_caps(void)
{
	char	*s, *t;

	s = repeat("unread", " ", 4096 - 6, "");
	check_cap(s, NULL);
	s = repeat("unread", " ", 4097 - 6, "");
	check_cap(s, "column 4097: the expression is longer than 4096 bytes");
	s = repeat("", "\xc3\xa9", 3000, "");
	check_cap(s, "column 2049: the expression is longer than 4096 bytes");
	t = repeat("", "(", 64, "unread");
	s = repeat(t, ")", 64, "");
	free(t);
	check_cap(s, NULL);
	s = repeat("", "(", 65, "unread)");
	check_cap(s, "column 65: the expression is nested too deeply "
	    "(more than 64 levels)");
	s = repeat("", "(", 4000, "");
	check_cap(s, "column 65: the expression is nested too deeply "
	    "(more than 64 levels)");
	s = repeat("", "not ", 64, "not not unread");
	check_cap(s, "column 257: the expression is nested too deeply "
	    "(more than 64 levels)");
	s = repeat("", "!", 64, "unread");
	check_cap(s, NULL);
	s = repeat("unread", " or unread", 255, "");
	check_cap(s, NULL);
	s = repeat("", "unread or ", 256, "unread");
	check_cap(s, "column 2561: too many comparisons (more than 256)");
}

/* A small fixed-seed generator, so that a failure can be replayed. */
static uint32_t
fuzz_rand(uint32_t *state)
{
	*state ^= (uint32_t)((uint64_t)*state << 13);
	*state ^= *state >> 17;
	*state ^= (uint32_t)((uint64_t)*state << 5);
	return *state;
}

/* Random bytes, or random tokens with spaces, into s. */
static void
fuzz_make(char *s, size_t size, uint32_t *seed, int bytes)
{
	static const char *const toks[] = {
		"title", "content", "tags", "topics", "age", "unread", "date",
		"language", "categories", "and", "or", "not", "between", "!",
		"(", ")", ":", "=", "==", "!=", "=~", "!~", "#", "!#", "<",
		">", "<=", ">=", "\"x\"", "\"[\"", "\"2024-01-01\"", "7",
		"yes", "\"", "\\", " ", "\xc3\xa9", "\xff", "\x01",
	};
	size_t	 len = fuzz_rand(seed) % 48, n = 0, i, k;

	for (i = 0; i < len && n + 16 < size; i++) {
		if (bytes) {
			s[n++] = (char)(fuzz_rand(seed) % 255 + 1);
			continue;
		}
		k = fuzz_rand(seed) % (sizeof toks / sizeof toks[0]);
		memcpy(s + n, toks[k], strlen(toks[k]));
		n += strlen(toks[k]);
		s[n++] = ' ';
	}
	s[n] = '\0';
}

/* A random expression from the grammar, often valid, into b. */
static void
fuzz_grammar(struct buf *b, uint32_t *seed, int depth)
{
	static const char *const attrs[] = {
		"title", "content", "author", "link", "feedtitle", "feedurl",
		"language", "tags", "topics", "categories", "age", "unread",
		"date",
	};
	static const char *const ops[] = {
		"=", "!=", "=~", "!~", "#", "!#", "<", ">", "<=", ">=",
	};
	static const char *const values[] = {
		"\"fr\"", "7", "yes", "\"2024-03-13\"", "\"^r.*e$\"", "\"\"",
		"retraite", "0", "\"a|b\"", "\"2024-03-01 08:30\"",
	};
	uint32_t	 r = fuzz_rand(seed) % (depth > 6 ? 2 : 7);

	if (r < 2) {
		/* one at a time: the order of arguments is unspecified */
		uint32_t a = fuzz_rand(seed) % 13, o = fuzz_rand(seed) % 10;
		uint32_t v = fuzz_rand(seed) % 10;

		buf_addf(b, "%s %s %s", attrs[a], r == 0 ? ops[o] : "between",
		    r == 0 ? values[v] : "1:7");
		return;
	}
	if (r == 2 || r == 3)
		buf_addstr(b, r == 2 ? "not " : "(");
	else
		fuzz_grammar(b, seed, depth + 1);
	if (r >= 4)
		buf_addstr(b, r == 4 ? " and " : " or ");
	fuzz_grammar(b, seed, depth + 1);
	if (r == 3)
		buf_addstr(b, ")");
}

/* 0 if s parses and matches, or fails with a column; -1 otherwise. */
static int
fuzz_one(const char *s, int *parsed)
{
	struct filter	*f;
	char		*cause = NULL;
	int		 r = 0;

	f = filter_parse(s, &cause);
	if (f != NULL) {
		(*parsed)++;
		mask_of(f, NULL);
	} else if (cause == NULL || strncmp(cause, "column ", 7) != 0)
		r = -1;
	filter_free(f);
	free(cause);
	return r;
}

/* Random input never crashes the parser and fails with a column. */
static void
test_fuzz(void)
{
	struct buf	 b;
	char		 s[96];
	uint32_t	 seed = 2463534242u;
	int		 round, bad = 0, parsed = 0, valid = 0;

	buf_init(&b, BUF_UNLIMITED);
	for (round = 0; round < 100000; round++) {
		fuzz_make(s, sizeof s, &seed, round % 2 == 0);
		bad += fuzz_one(s, &parsed) != 0;
		buf_reset(&b);
		fuzz_grammar(&b, &seed, 0);
		if (round % 4 == 0 && b.len > 0)	/* and damaged */
			b.data[fuzz_rand(&seed) % b.len] =
			    (char)(fuzz_rand(&seed) % 255 + 1);
		bad += fuzz_one(buf_str(&b), &valid) != 0;
	}
	buf_free(&b);
	CHECK(bad == 0, "%d malformed causes", bad);
	CHECK(parsed > 0 && valid > 10000, "parsed %d random, %d grammar",
	    parsed, valid);
	printf("fuzz: %d random and %d generated expressions parsed\n",
	    parsed, valid);
}

/* Thousands of items times a few terms: well under a millisecond each. */
static void
test_speed(void)
{
	struct filter_env	 env = { NOW, content_cb, &content_calls };
	struct filter		*f;
	struct timespec		 t0, t1;
	double			 ns;
	int			 i, n = 0;

	f = filter_parse("unread = yes and (title =~ \"retraite\" or "
	    "tags # \"fr\" or categories # disability) and age < 7 and "
	    "not author = \"nobody\"", NULL);
	CHECK(f != NULL, "speed expression");
	if (f == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 40000; i++)
		n += filter_match(f, items[i % NITEMS], &env);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	    (double)(t1.tv_nsec - t0.tv_nsec)) / 40000;
	printf("filter_match: %.0f ns per item\n", ns);
	CHECK(n == 20000, "speed matches: %d", n);
	CHECK(ns < 100000, "%.0f ns per item", ns);
	filter_free(f);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_set_utf8(1);
	setenv("TZ", "UTC0", 1);
	tzset();
	setup();
	test_parse();
	test_regex();
	test_re_cost();
	test_eval();
	test_topics();
	test_env();
	test_local();
	test_caps();
	test_fuzz();
	test_speed();
	feed_free(feed_a);
	feed_free(feed_b);
	CHECK_DONE();
}
