/*
 * The parser against the hostile documents parse-test.c does not hold: a
 * 200 MB field, text or attribute, a million items, 100,000 categories,
 * UTF-32 and BOM-less UTF-16BE, unknown and lying encodings, NUL bytes,
 * colliding ids, absurd dates and links that must never reach a browser
 * as an option.  Large documents are generated while they are pushed, 64
 * KiB at a time, and never held whole; time and peak memory are bounded.
 * Every result goes through the JSON writer and must hold no control
 * character.  Expected values were worked out by hand from the documents.
 * With SSNEWS_SLOW set (valgrind) time and memory are not checked.
 */
#include "config.h"

#include <sys/resource.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clean.h"
#include "buf.h"
#include "dump.h"
#include "feed.h"
#include "parse.h"
#include "xmalloc.h"

#define BASE	"http://example.org/feeds/main.xml"
#define CHUNK	(64u << 10)
#define SLOW	10.0		/* seconds; generous for sanitizer builds */
#define MEM_MAX	(64L << 10)	/* KiB of peak memory one parse may add */
#define RSS_HEAD \
	"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>" \
	"<title>Hostile</title>\n"
#define RSS_TAIL	"</channel></rss>\n"
#define THREE \
	"<item><title>Item 0</title><guid>g0</guid></item>\n" \
	"<item><title>Item 1</title><guid>g1</guid></item>\n" \
	"<item><title>Item 2</title><guid>g2</guid></item>\n"
#define WORD	"Grüße € 中文 😀"	/* 2-, 3- and 4-byte UTF-8 */
#define FFFD	"\xef\xbf\xbd"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN	1
#endif
#endif

/* A document made while it is pushed: head, n generated units, tail. */
struct stream {
	const char	*head;
	size_t		 n;
	void		(*unit)(struct buf *, size_t);
	const char	*tail;
};

static long	 peak_kib(int);
static time_t	 civil(int, int, int, int, int, int);
static char	*check_feed(const char *, const struct feed *, const char *,
		    int);
static struct feed *parse_all(const char *, const char *, size_t,
		    const char *, char **);
static struct feed *stream_parse(const char *, const struct stream *,
		    size_t, char **);
static void	 unit_text(struct buf *, size_t);
static void	 unit_item(struct buf *, size_t);
static void	 unit_category(struct buf *, size_t);
static void	 encode(struct buf *, const char *, int, int, int);
static size_t	 merge_doc(struct feed *, const char *const *, size_t,
		    char **);
static void	 test_huge(void);
static void	 test_million(void);
static void	 test_categories(void);
static void	 test_encodings(void);
static void	 test_nul(void);
static void	 test_ids(void);
static void	 test_dates(void);
static void	 test_links(void);

/*
 * The peak resident size so far, in KiB.  reset first lowers the peak to
 * what is resident now where Linux allows (clear_refs 5), so that the
 * growth of one parse is not hidden by an earlier, higher peak.
 */
static long
peak_kib(int reset)
{
	struct rusage	 ru;
	int		 fd;

	fd = reset ? open("/proc/self/clear_refs", O_WRONLY) : -1;
	if (fd != -1) {
		(void)!write(fd, "5", 1);
		close(fd);
	}
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* UTC seconds of a proleptic Gregorian date (days from civil). */
static time_t
civil(int y, int m, int d, int hh, int mm, int ss)
{
	long long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (time_t)((era * 146097 + doe - 719468) * 86400 + hh * 3600 +
	    mm * 60 + ss);
}

/*
 * What must hold of any parse: every string clean, ids unique, links
 * absolute when there is a base (absolute 0 skips that), and a JSON line
 * with no raw or escaped control.  Returns the JSON line.
 */
static char *
check_feed(const char *what, const struct feed *f, const char *cause,
    int absolute)
{
	struct buf	 b;
	size_t		 i, j, n;
	uint32_t	 k;

	check_clean(what, f->title, 0);
	check_clean(what, f->description, 0);
	check_clean(what, cause, 0);
	for (i = 0; i < f->nitems; i++) {
		const struct item	*it = f->items[i];
		const char		*line[] = { it->id, it->title, it->link,
		    it->author };

		CHECK(it->id != NULL && *it->id != '\0', "%s: item %zu: no id",
		    what, i);
		for (k = 0; k < 4; k++)
			check_clean(what, line[k], 0);
		check_clean(what, it->summary, 1);
		check_clean(what, it->content, 1);
		for (k = 0; k < it->ncategories; k++)
			check_clean(what, it->categories[k], 0);
		for (k = 0; k < it->nenclosures; k++)
			check_clean(what, it->enclosures[k].url, 0);
		/* RFC 3986 4.2: a ':' before any '/', '?' or '#' is a scheme. */
		CHECK(!absolute || it->link == NULL || it->link[strcspn(it->link,
		    ":/?#")] == ':', "%s: relative link %s", what, it->link);
		for (j = 0; j < i && i < 1000; j++)
			CHECK(strcmp(f->items[j]->id, it->id) != 0,
			    "%s: id %s twice", what, it->id);
	}
	buf_init(&b, BUF_UNLIMITED);
	dump_json_feed(&b, "hostile", f, cause);
	n = b.len;
	for (i = 0; i < n; i++) {
		const unsigned char	*u = (unsigned char *)b.data + i;
		unsigned long		 c = 0x20;

		if (*u == '\\' && u[1] == 'u')
			c = strtoul((char *)u + 2, NULL, 16);
		if ((*u < 0x20 && i != n - 1) || bad_char(u, n - i) ||
		    c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
		    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			break;
		i += *u == '\\';
	}
	CHECK(i >= n, "%s: a control at byte %zu of the JSON: %.40s", what,
	    i, b.data + (i < n ? i : 0));
	return buf_take(&b);
}

/*
 * Parse a small document whole and in chunks of 1, 3 and 4096 bytes:
 * the results must agree and pass check_feed().  Returns the first.
 */
static struct feed *
parse_all(const char *what, const char *data, size_t len, const char *base,
    char **cause)
{
	const size_t	 sizes[] = { len + 1, 1, 3, 4096 };
	struct parser	*p;
	struct feed	*f, *first = NULL;
	size_t		 i, off, n;
	char		*json, *one = NULL, *c;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		p = parse_new(base, NULL, NULL, NULL, NULL);
		for (off = 0; off < len; off += n) {
			n = len - off < sizes[i] ? len - off : sizes[i];
			if (parse_push(p, data + off, n) == -1)
				break;
		}
		f = parse_finish(p, &c);
		parse_free(p);
		json = check_feed(what, f, c, base != NULL);
		if (first == NULL) {
			first = f;
			*cause = c;
			one = json;
			continue;
		}
		CHECK(strcmp(one, json) == 0, "%s: chunks of %zu differ:\n"
		    "%s\n%s", what, sizes[i], one, json);
		feed_free(f);
		free(c);
		free(json);
	}
	free(one);
	return first;
}

/*
 * Push a generated document in 64 KiB chunks until it ends or the parser
 * refuses more.  The time, the growth of peak memory and the bytes read
 * (at most maxpush) are checked.
 */
static struct feed *
stream_parse(const char *what, const struct stream *s, size_t maxpush,
    char **cause)
{
	struct parser	*p;
	struct feed	*f;
	struct buf	 b;
	const char	*slow;
	size_t		 i = 0, off, n, pushed = 0;
	int		 refused = 0, ended = 0;
	double		 t = check_now();
	long		 grew = peak_kib(1);

	p = parse_new(BASE, NULL, NULL, NULL, NULL);
	buf_init(&b, BUF_UNLIMITED);
	buf_addstr(&b, s->head);
	while (!refused && !ended) {
		while (b.len < CHUNK && i < s->n)
			s->unit(&b, i++);
		if (i == s->n && b.len < CHUNK) {
			buf_addstr(&b, s->tail);
			ended = 1;
		}
		for (off = 0; !refused && off < b.len &&
		    (ended || b.len - off >= CHUNK); off += n) {
			n = b.len - off < CHUNK ? b.len - off : CHUNK;
			refused = parse_push(p, b.data + off, n) == -1;
			pushed += n;
		}
		memmove(b.data, b.data + off, b.len - off);
		b.len -= off;
	}
	buf_free(&b);
	f = parse_finish(p, cause);
	parse_free(p);
	t = check_now() - t;
	grew = peak_kib(0) - grew;
	printf("# %s: %.2f s, peak memory +%ld KiB, %zu bytes read\n", what,
	    t, grew, pushed);
	CHECK(pushed <= maxpush, "%s: %zu bytes read, want at most %zu",
	    what, pushed, maxpush);
	slow = getenv("SSNEWS_SLOW");
	if (slow != NULL && *slow != '\0')
		return f;	/* under valgrind: neither time nor memory */
	CHECK(t < SLOW, "%s took %.2f s", what, t);
#ifndef UNDER_ASAN	/* its quarantine keeps what was freed */
	CHECK(grew < MEM_MAX, "%s: peak memory grew by %ld KiB", what, grew);
#endif
	return f;
}

/* 64 KiB of text with multibyte characters cut at every boundary. */
static void
unit_text(struct buf *b, size_t i)
{
	size_t	 start = b->len;

	(void)i;
	while (b->len - start < CHUNK - 32)
		buf_addstr(b, "pension " WORD " ");
}

static void
unit_item(struct buf *b, size_t i)
{
	buf_addf(b, "<item><title>Item %zu</title><guid>g%zu</guid></item>\n",
	    i, i);
}

static void
unit_category(struct buf *b, size_t i)
{
	buf_addf(b, "<category>c%zu</category><category> c%zu </category>"
	    "<enclosure url=\"http://example.org/e/%zu\"/>", i, i, i);
}

/*
 * 200 MB in one item: as text, in CDATA, in an attribute, in a comment
 * and in an element nobody reads.  The field limit (1 MiB) stops the
 * first four early, the body limit (32 MiB) the last, each with a clear
 * cause; the three items before are kept.
 */
static void
test_huge(void)
{
	static const struct {
		const char	*what, *open, *close, *cause;
		size_t		 maxpush;
	} cases[] = {
		{ "200 MB description", "<description>", "</description>",
		    "more than 1048576 bytes of text", 4u << 20 },
		{ "200 MB CDATA", "<description><![CDATA[", "]]></description>",
		    "more than 1048576 bytes of text", 4u << 20 },
		{ "200 MB attribute", "<enclosure url=\"http://example.org/",
		    "\"/>", "more than 1048576 bytes of text", 4u << 20 },
		{ "200 MB comment", "<!--", "-->",
		    "more than 1048576 bytes of text", 4u << 20 },
		{ "200 MB ignored element", "<x:junk xmlns:x=\"urn:x\">",
		    "</x:junk>", "larger than 32768 KiB", 33u << 20 },
	};
	struct stream	 s = { NULL, (200u << 20) / CHUNK, unit_text, NULL };
	struct feed	*f;
	size_t		 i;
	char		*cause, *json, *head, *tail;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s.head = head = xasprintf("%s%s<item><title>Huge</title>%s",
		    RSS_HEAD, THREE, cases[i].open);
		s.tail = tail = xasprintf("%s</item>%s", cases[i].close,
		    RSS_TAIL);
		f = stream_parse(cases[i].what, &s, cases[i].maxpush, &cause);
		CHECK(cause != NULL && strstr(cause, cases[i].cause) != NULL,
		    "%s: cause \"%s\", want \"%s\"", cases[i].what,
		    cause ? cause : "(none)", cases[i].cause);
		CHECK(f->nitems == 3, "%s: %zu items kept, want 3",
		    cases[i].what, f->nitems);
		if (f->nitems == 3)
			CHECK_STR(f->items[2]->id, "g2", cases[i].what);
		json = check_feed(cases[i].what, f, cause, 1);
		CHECK(strlen(json) < 4096, "%s: %zu bytes of JSON",
		    cases[i].what, strlen(json));
		free(json);
		feed_free(f);
		free(cause);
		free(head);
		free(tail);
	}
}

/* A million items: the first 100,000 (PARSE_MAX_ITEMS) and a cause. */
static void
test_million(void)
{
	struct stream	 s = { RSS_HEAD, 1000000, unit_item, RSS_TAIL };
	struct feed	*f;
	size_t		 i, bad = 0;
	char		*cause, want[32];

	/* 100,001 items of 53 to 60 bytes, and chunks read ahead. */
	f = stream_parse("a million items", &s, 100001 * 60 + 2 * CHUNK,
	    &cause);
	CHECK(cause != NULL && strstr(cause, "more than 100000 items") != NULL,
	    "a million items: cause \"%s\"", cause ? cause : "(none)");
	CHECK(f->nitems == PARSE_MAX_ITEMS, "a million items: %zu kept",
	    f->nitems);
	for (i = 0; i < f->nitems; i++) {
		snprintf(want, sizeof want, "g%zu", i);
		bad += strcmp(f->items[i]->id, want) != 0;
	}
	CHECK(bad == 0, "a million items: %zu items out of order", bad);
	free(check_feed("a million items", f, cause, 1));
	feed_free(f);
	free(cause);
}

/*
 * 100,000 categories, each given twice, and enclosures on one item: the
 * first 256 categories (MAX_CATEGORIES), each once, and 32 enclosures
 * (MAX_ENCLOSURES) in document order, the rest ignored, no error.
 */
static void
test_categories(void)
{
	struct stream	 s = { RSS_HEAD "<item><title>Many</title>", 100000,
	    unit_category, "<guid>many</guid></item>" RSS_TAIL };
	struct feed	*f;
	struct item	*it;
	uint32_t	 i, bad = 0;
	char		*cause, want[32];

	f = stream_parse("100,000 categories", &s, 1u << 30, &cause);
	CHECK(cause == NULL, "100,000 categories: %s", cause);
	CHECK(f->nitems == 1, "100,000 categories: %zu items", f->nitems);
	if (f->nitems == 1) {
		it = f->items[0];
		CHECK_STR(it->id, "many", "100,000 categories: the item");
		CHECK(it->ncategories == 256, "%u categories kept",
		    it->ncategories);
		CHECK(it->nenclosures == 32, "%u enclosures kept",
		    it->nenclosures);
		for (i = 0; i < it->ncategories; i++) {
			snprintf(want, sizeof want, "c%u", i);
			bad += strcmp(it->categories[i], want) != 0;
		}
		for (i = 0; i < it->nenclosures; i++) {
			snprintf(want, sizeof want, "http://example.org/e/%u", i);
			bad += strcmp(it->enclosures[i].url, want) != 0;
		}
		CHECK(bad == 0, "100,000 categories: %u out of order", bad);
	}
	free(check_feed("100,000 categories", f, cause, 1));
	feed_free(f);
	free(cause);
}

/* UTF-8 to UTF-16 or UTF-32 (width 2 or 4), big or little endian. */
static void
encode(struct buf *out, const char *s, int width, int big, int bom)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, units[2];
	int			 n, i, k, nunits;
	unsigned char		 b[4];

	if (bom)
		encode(out, "\xef\xbb\xbf", width, big, 0);
	while (*u != '\0') {
		n = *u < 0x80 ? 0 : *u < 0xe0 ? 1 : *u < 0xf0 ? 2 : 3;
		c = n == 0 ? *u : *u & (0x3f >> n);
		for (i = 1; i <= n; i++)
			c = c << 6 | (u[i] & 0x3f);
		u += n + 1;
		nunits = 1;
		units[0] = c;
		if (width == 2 && c >= 0x10000) {
			units[0] = 0xd800 | ((c - 0x10000) >> 10);
			units[1] = 0xdc00 | ((c - 0x10000) & 0x3ff);
			nunits = 2;
		}
		for (k = 0; k < nunits; k++) {
			for (i = 0; i < width; i++)
				b[big ? width - 1 - i : i] = (unsigned char)
				    (units[k] >> (8 * i));
			buf_add(out, b, (size_t)width);
		}
	}
}

/*
 * Encodings.  Byte order marks and BOM-less UTF-32 and UTF-16BE decode;
 * an unknown name reads as UTF-8; a document whose bytes are ASCII-based
 * cannot be UTF-16 whatever it says; ISO-8859-1 declared over UTF-8 bytes
 * is read as declared (windows-1252), mojibake with no control byte.
 */
static void
test_encodings(void)
{
	/* WORD's UTF-8 bytes read as windows-1252, by hand. */
	static const char	 mojibake[] = "GrÃ¼ÃŸe â‚¬ ä¸" "\xc2\xad"
	    "æ–‡ ðŸ˜€";
	static const struct {
		const char	*what, *decl;
		int		 width, big, bom;
		const char	*title, *want;
	} cases[] = {
		{ "UTF-32LE, BOM", "UTF-32", 4, 0, 1, WORD, WORD },
		{ "UTF-32LE", "UTF-32", 4, 0, 0, WORD, WORD },
		{ "UTF-32BE, BOM", "UTF-32", 4, 1, 1, WORD, WORD },
		{ "UTF-32BE", "UTF-32BE", 4, 1, 0, WORD, WORD },
		{ "UTF-32BE, no declaration", NULL, 4, 1, 0, WORD, WORD },
		{ "UTF-16BE", "UTF-16", 2, 1, 0, WORD, WORD },
		{ "UTF-16BE, no declaration", NULL, 2, 1, 0, WORD, WORD },
		{ "UTF-32LE, surrogate and U+110000", "UTF-32", 4, 0, 1,
		    "a\xed\xa0\x80" "b\xf4\x90\x80\x80" "c",
		    "a" FFFD "b" FFFD "c" },
		{ "unknown encoding, UTF-8 bytes", "x-bogus-42", 1, 0, 0, WORD,
		    WORD },
		{ "unknown encoding, Latin-1 bytes", "x-bogus-42", 1, 0, 0,
		    "Caf\xe9 cr\xe8me", "Caf" FFFD " cr" FFFD "me" },
		{ "UTF-16 declared, UTF-8 bytes", "UTF-16", 1, 0, 0, WORD, WORD },
		{ "UTF-32 declared, UTF-8 bytes", "UTF-32", 1, 0, 0, WORD, WORD },
		{ "ISO-8859-1 declared, UTF-8 bytes", "ISO-8859-1", 1, 0, 0, WORD,
		    mojibake },
	};
	struct feed	*f;
	struct buf	 doc, text;
	size_t		 i;
	char		*cause;

	buf_init(&doc, BUF_UNLIMITED);
	buf_init(&text, BUF_UNLIMITED);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&text);
		buf_addstr(&text, "<?xml version=\"1.0\"");
		if (cases[i].decl != NULL)
			buf_addf(&text, " encoding=\"%s\"", cases[i].decl);
		buf_addf(&text, "?>\n<rss version=\"2.0\"><channel><title>%s"
		    "</title><item><title>%s</title><guid>e1</guid></item>"
		    RSS_TAIL, cases[i].title, cases[i].title);
		if (cases[i].decl == NULL)	/* no declaration at all */
			memmove(text.data, strchr(text.data, '\n') + 1,
			    strlen(strchr(text.data, '\n')));
		buf_reset(&doc);
		if (cases[i].width == 1)
			buf_addstr(&doc, text.data);
		else
			encode(&doc, text.data, cases[i].width, cases[i].big,
			    cases[i].bom);
		f = parse_all(cases[i].what, doc.data, doc.len, BASE, &cause);
		CHECK(cause == NULL, "%s: %s", cases[i].what, cause);
		CHECK_STR(f->title, cases[i].want, cases[i].what);
		CHECK(f->nitems == 1, "%s: %zu items", cases[i].what,
		    f->nitems);
		if (f->nitems == 1)
			CHECK_STR(f->items[0]->title, cases[i].want,
			    cases[i].what);
		feed_free(f);
		free(cause);
	}
	buf_free(&doc);
	buf_free(&text);
}

/*
 * NUL bytes anywhere are dropped like other raw controls: in text, in
 * names and attributes, between elements, a megabyte of them, and one
 * before the document (which must not make it look like UTF-16).  '@'
 * stands for a NUL below.
 */
static void
test_nul(void)
{
	static const char	 text[] =
	    "@<?xml version=\"1.0\"?>\n<rss@ version=\"2.0\">@<channel>"
	    "<title>Nul@ feed</title>@@\n<item><ti@tle>Pen@sion@</title>"
	    "<guid isPermaLink=\"fa@lse\">n@ul-1</guid><description>a@b&#0;c"
	    "</description></item>@<item><title>@</title><link>http://ex@ample"
	    ".org/2</link></item></channel>@</rss>@\n";
	static const char	 zeros[4096];
	struct feed		*f;
	struct buf		 doc;
	const char		*what;
	size_t			 i, k;
	char			*cause;

	buf_init(&doc, BUF_UNLIMITED);
	for (k = 0; k < 2; k++) {
		what = k ? "a megabyte of NULs" : "NUL bytes";
		buf_reset(&doc);
		for (i = 0; text[i] != '\0'; i++) {
			buf_addc(&doc, text[i] == '@' ? '\0' : text[i]);
			if (k == 1 && text[i] == '@' && text[i + 1] == '@')
				while (doc.len < (1u << 20))
					buf_add(&doc, zeros, sizeof zeros);
		}
		f = parse_all(what, doc.data, doc.len, BASE, &cause);
		CHECK(cause == NULL, "%s: %s", what, cause);
		CHECK_STR(f->title, "Nul feed", what);
		CHECK(f->nitems == 2, "%s: %zu items", what, f->nitems);
		if (f->nitems == 2) {
			CHECK_STR(f->items[0]->title, "Pension", what);
			CHECK_STR(f->items[0]->id, "nul-1", what);
			CHECK(f->items[0]->link == NULL, "%s: link %s", what,
			    f->items[0]->link);
			CHECK_STR(f->items[0]->summary, "abc", what);
			CHECK(f->items[1]->title == NULL, "%s: title %s", what,
			    f->items[1]->title);
			CHECK_STR(f->items[1]->link, "http://example.org/2", what);
		}
		feed_free(f);
		free(cause);
	}
	buf_free(&doc);
}

/*
 * Parse an RSS document of the items given (the XML inside <item>) and
 * merge it into dst.  Returns how many items were new; *ids gets the
 * parsed ids, in order, joined by spaces.
 */
static size_t
merge_doc(struct feed *dst, const char *const *items, size_t n, char **ids)
{
	struct merge_opts	 o = { 1700000000, 0, 0 };
	struct feed		*f;
	struct buf		 b;
	size_t			 i, added;
	char			*cause;

	buf_init(&b, BUF_UNLIMITED);
	buf_addstr(&b, RSS_HEAD);
	for (i = 0; i < n; i++)
		buf_addf(&b, "<item>%s</item>\n", items[i]);
	buf_addstr(&b, RSS_TAIL);
	f = parse_all("ids", b.data, b.len, BASE, &cause);
	CHECK(cause == NULL, "ids: %s", cause);
	buf_reset(&b);
	for (i = 0; i < f->nitems; i++)
		buf_addf(&b, "%s%s", i ? " " : "", f->items[i]->id);
	*ids = xstrdup(buf_str(&b));
	buf_free(&b);
	added = feed_merge(dst, f, &o);
	feed_free(f);
	free(cause);
	return added;
}

/*
 * Colliding ids: a guid equal to another item's link (its id), in either
 * order, and a guid equal to the id another item was given to make it
 * unique.  Every item is kept once, under its own id, and a second fetch
 * of the same document adds nothing and keeps the read state.
 */
static void
test_ids(void)
{
#define BY_GUID	"<title>By guid</title><guid>http://example.org/x</guid>"
#define BY_LINK	"<title>By link</title><link>http://example.org/x</link>"
	static const char *const guid_link[] = { BY_GUID, BY_LINK };
	static const char *const link_guid[] = { BY_LINK, BY_GUID };
	const char	*crafted[3] = { "<title>One</title><guid>x</guid>", NULL,
	    "<title>Three</title><guid>x</guid>" };
	struct feed	*dst;
	struct item	*it;
	char		*ids, *hash, two[80];
	size_t		 k;

	for (k = 0; k < 2; k++) {
		dst = feed_new(BASE);
		CHECK(merge_doc(dst, k ? link_guid : guid_link, 2, &ids) == 2,
		    "guid = link: %zu items", dst->nitems);
		hash = strchr(ids, '#');
		CHECK(strncmp(ids, "http://example.org/x http://example.org/x#",
		    42) == 0 && hash != NULL && strlen(hash) == 9,
		    "guid = link: ids %s", ids);
		free(ids);
		it = feed_find_item(dst, "http://example.org/x");
		CHECK(it != NULL && strcmp(it->title, k ? "By link" :
		    "By guid") == 0, "guid = link: the first keeps its id");
		if (it != NULL)
			item_set_unread(it, 0);
		CHECK(merge_doc(dst, k ? link_guid : guid_link, 2, &ids) == 0,
		    "guid = link, again: new items");
		free(ids);
		CHECK(dst->nitems == 2 && dst->unread == 1, "guid = link, "
		    "again: %zu items, %zu unread", dst->nitems, dst->unread);
		feed_free(dst);
	}

	/* Learn the id that makes "Three" unique, then take it as a guid. */
	dst = feed_new(BASE);
	merge_doc(dst, (const char *[]){ crafted[0], crafted[2] }, 2, &ids);
	hash = strchr(ids, '#');
	snprintf(two, sizeof two, "<title>Two</title><guid>x%s</guid>",
	    hash != NULL ? hash : "");
	free(ids);
	feed_free(dst);
	crafted[1] = two;
	dst = feed_new(BASE);
	CHECK(merge_doc(dst, crafted, 3, &ids) == 3, "guid = a made id: "
	    "%zu items (%s)", dst->nitems, ids);
	free(ids);
	for (k = 0; k < dst->nitems; k++)
		CHECK(strcmp(dst->items[k]->title, "One") == 0 ||
		    strcmp(dst->items[k]->title, "Two") == 0 ||
		    strcmp(dst->items[k]->title, "Three") == 0,
		    "guid = a made id: %s", dst->items[k]->title);
	CHECK(merge_doc(dst, crafted, 3, &ids) == 0 && dst->nitems == 3,
	    "guid = a made id, again: %zu items", dst->nitems);
	free(ids);
	feed_free(dst);
}

/*
 * Dates out of range or impossible are left unset (a lower-priority date
 * may stand in); the rest are exact, before 1970 and after 2038 too.
 */
static void
test_dates(void)
{
	static const struct {
		const char	*date, *want;	/* want NULL: left unset */
	} cases[] = {
		{ "0000-01-01T00:00:00Z", NULL },
		{ "99999-01-01T00:00:00Z", NULL },
		{ "99999999999999999999-01-01T00:00:00Z", NULL },
		{ "-2024-01-01T00:00:00Z", NULL },
		{ "0001-01-01T00:00:00Z", "1-1-1 0:0:0" },
		{ "1901-12-13T20:45:51Z", "1901-12-13 20:45:51" },
		{ "1969-12-31T23:59:59Z", "1969-12-31 23:59:59" },
		{ "2038-01-19T03:14:08Z", "2038-1-19 3:14:8" },
		{ "2106-02-07T06:28:16Z", "2106-2-7 6:28:16" },
		{ "9999-12-31T23:59:59Z", "9999-12-31 23:59:59" },
		{ "2024-02-30T12:00:00Z", NULL },
		{ "2023-02-29T12:00:00Z", NULL },
		{ "2024-02-29T12:00:00Z", "2024-2-29 12:0:0" },
		{ "2024-13-01T00:00:00Z", NULL },
		{ "2024-01-01T24:00:01Z", NULL },
		{ "2024-12-31T23:59:60Z", "2024-12-31 23:59:59" },
		{ "2024-01-01T12:00:00+99:99", NULL },
		{ "2024-01-01T12:00:00+9999", NULL },
		{ "2024-01-01T00:00:00-23:59", "2024-1-1 23:59:0" },
		{ "Fri, 30 Feb 2024 12:00:00 GMT", NULL },
		{ "Mon, 01 Jan 2024 12:00:00 +9999", NULL },
		{ "Mon, 01 Jan 2024 25:00:00 GMT", NULL },
		{ "Sat, 01 Jan 0000 00:00:00 GMT", NULL },
		{ "Mon, 01 Jan 99999 00:00:00 GMT", NULL },
		{ "Wed, 31 Dec 1969 23:59:59 GMT", "1969-12-31 23:59:59" },
		{ "Tue, 19 Jan 2038 03:14:08 GMT", "2038-1-19 3:14:8" },
		{ "Fri, 31 Dec 9999 23:59:59 -0000", "9999-12-31 23:59:59" },
	};
	struct feed	*f;
	struct buf	 doc;
	size_t		 i, n = sizeof cases / sizeof cases[0];
	time_t		 want;
	const char	*tag;
	char		*cause;
	int		 y, mo, d, h, mi, sec;

	buf_init(&doc, BUF_UNLIMITED);
	buf_addstr(&doc, "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/"
	    "elements/1.1/\"><channel><title>Dates</title>\n");
	for (i = 0; i < n; i++) {
		tag = strchr(cases[i].date, ',') != NULL ? "pubDate" :
		    "dc:date";
		buf_addf(&doc, "<item><guid>d%zu</guid><%s>%s</%s></item>\n", i,
		    tag, cases[i].date, tag);
	}
	buf_addstr(&doc, RSS_TAIL);
	f = parse_all("dates", doc.data, doc.len, BASE, &cause);
	CHECK(cause == NULL && f->nitems == n, "dates: %zu items, %s",
	    f->nitems, cause);
	for (i = 0; i < n && i < f->nitems; i++) {
		want = DATE_NONE;
		if (cases[i].want != NULL && sscanf(cases[i].want,
		    "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec) == 6)
			want = civil(y, mo, d, h, mi, sec);
		CHECK(f->items[i]->published == want, "%s: got %lld, want %lld",
		    cases[i].date, (long long)f->items[i]->published,
		    (long long)want);
	}
	feed_free(f);
	free(cause);
	buf_free(&doc);
}

/*
 * Links a browser must never get as an option or run: relative ones that
 * start with '-' are made absolute against the feed's address, dangerous
 * schemes are kept as written (src/ui.c opens only http, https and file
 * links, always as one argument and never through a shell).
 */
static void
test_links(void)
{
	static const struct {
		const char	*link, *want, *nobase;
	} cases[] = {
		{ "javascript:alert(document.cookie)",
		    "javascript:alert(document.cookie)", NULL },
		{ "JavaScript:alert(1)", "JavaScript:alert(1)", NULL },
		{ "vbscript:msgbox(1)", "vbscript:msgbox(1)", NULL },
		{ "file:///etc/passwd", "file:///etc/passwd", NULL },
		{ "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
		    "data:text/html,<script>alert(1)</script>", NULL },
		{ "-option", "http://example.org/feeds/-option", "-option" },
		{ "  --help", "http://example.org/feeds/--help", "--help" },
		{ "&#10;\t-x", "http://example.org/feeds/-x", "-x" },
		{ "http://example.org/a b;$(touch /tmp/p)`id`|&amp;&gt;x",
		    "http://example.org/a b;$(touch /tmp/p)`id`|&>x", NULL },
	};
	struct feed	*f;
	struct buf	 doc;
	const char	*base, *want;
	size_t		 i, k, n = sizeof cases / sizeof cases[0];
	char		*cause;

	buf_init(&doc, BUF_UNLIMITED);
	buf_addstr(&doc, RSS_HEAD);
	for (i = 0; i < n; i++)
		buf_addf(&doc, "<item><guid isPermaLink=\"false\">l%zu</guid>"
		    "<link>%s</link><enclosure url=\"%s\"/></item>\n", i,
		    cases[i].link, cases[i].link);
	buf_addstr(&doc, "<item><guid>-perma</guid></item>\n" RSS_TAIL);
	for (k = 0; k < 2; k++) {
		base = k ? NULL : BASE;
		f = parse_all(k ? "links, no base" : "links", doc.data, doc.len,
		    base, &cause);
		CHECK(cause == NULL && f->nitems == n + 1, "links: %zu, %s",
		    f->nitems, cause);
		for (i = 0; i < n && i < f->nitems; i++) {
			want = k && cases[i].nobase ? cases[i].nobase :
			    cases[i].want;
			CHECK_STR(f->items[i]->link, want, cases[i].link);
			CHECK(f->items[i]->nenclosures == 1 &&
			    strcmp(f->items[i]->enclosures[0].url, want) == 0,
			    "%s: enclosure", cases[i].link);
		}
		if (f->nitems == n + 1)
			CHECK_STR(f->items[n]->link, k ? "-perma" :
			    "http://example.org/feeds/-perma", "permalink guid");
		feed_free(f);
		free(cause);
	}
	buf_free(&doc);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);	/* the summary survives LSan */
	/* The large ones first, while the peak is still low. */
	test_huge();
	test_million();
	test_categories();
	test_encodings();
	test_nul();
	test_ids();
	test_dates();
	test_links();
	CHECK_DONE();
}
