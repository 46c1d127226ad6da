/* Unit tests for text.c: decoding, cleaning, width, fitting, folding. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "buf.h"
#include "text.h"

static char *
clean(const char *s, int flags)
{
	struct buf	 b;

	buf_init(&b, BUF_UNLIMITED);
	text_clean(&b, s, strlen(s), flags);
	return buf_take(&b);
}

static char *
fit(const char *s, int cols, int pad)
{
	struct buf	 b;

	buf_init(&b, BUF_UNLIMITED);
	text_fit(&b, s, cols, pad);
	return buf_take(&b);
}

static char *
fold(const char *s)
{
	struct buf	 b;

	buf_init(&b, BUF_UNLIMITED);
	text_fold(&b, s, strlen(s));
	return buf_take(&b);
}

static void
test_clean(void)
{
	static const struct {
		const char	*in;
		int		 flags;
		const char	*want;
	} cases[] = {
		{ "plain", TEXT_ONELINE, "plain" },
		{ "  two\n lines\t", TEXT_ONELINE, "two lines" },
		{ "keep\nlines\tand tabs", 0, "keep\nlines\tand tabs" },
		{ "crlf\r\nline", 0, "crlf\nline" },
		{ "esc\x1b[2Jseq", TEXT_ONELINE, "esc[2Jseq" },
		{ "bell\x07", 0, "bell" },
		{ "del\x7f", 0, "del" },
		{ "c1\xc2\x9b" "31m", 0, "c131m" },
		{ "rlo\xe2\x80\xae" "txt", 0, "rlotxt" },
		{ "isolate\xe2\x81\xa6x\xe2\x81\xa9", 0, "isolatex" },
		{ "zwsp\xe2\x80\x8bkept", 0, "zwsp\xe2\x80\x8bkept" },
		{ "zwsp\xe2\x80\x8b" "dropped", TEXT_DISPLAY, "zwspdropped" },
		{ "bad\xff" "byte", 0, "bad\xef\xbf\xbd" "byte" },
		{ "cut\xe2\x80", 0, "cut\xef\xbf\xbd" },
		{ "broken\xe2\x82x", 0, "broken\xef\xbf\xbdx" },
		{ "overlong\xc0\xaf", 0,
		    "overlong\xef\xbf\xbd\xef\xbf\xbd" },
		{ "nbsp\xc2\xa0here", TEXT_ONELINE, "nbsp here" },
		{ "Réforme des retraites", TEXT_ONELINE,
		    "Réforme des retraites" },
		{ "", TEXT_ONELINE, "" },
		{ " \n\t ", TEXT_ONELINE, "" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = clean(cases[i].in, cases[i].flags);
		CHECK_STR(got, cases[i].want, cases[i].in);
		CHECK(text_needs_clean(cases[i].in, strlen(cases[i].in),
		    cases[i].flags) == (strcmp(got, cases[i].in) != 0),
		    "needs_clean disagrees for case %zu", i);
		free(got);
	}
}

static void
test_width(void)
{
	CHECK(text_width("abc") == 3, "ascii");
	CHECK(text_width("é") == 1, "latin");
	CHECK(text_width("年金") == 4, "cjk is wide");
	CHECK(text_width("e\xcc\x81") == 1, "combining mark is zero width");
	CHECK(text_width("a\x1b[0mb") == 5, "escape: ESC dropped, rest shown");
	CHECK(text_width("\xe2\x80\xae") == 0, "bidi override is invisible");
}

static void
test_fit(void)
{
	static const struct {
		const char	*in;
		int		 cols, pad;
		const char	*want;
	} cases[] = {
		{ "short", 10, 0, "short" },
		{ "short", 8, 1, "short   " },
		{ "exactly", 7, 0, "exactly" },
		{ "too long here", 8, 0, "too lon\xe2\x80\xa6" },
		{ "年金年金", 5, 0, "年金\xe2\x80\xa6" },
		{ "年金年金", 6, 1, "年金\xe2\x80\xa6 " },
		{ "a\nb\tc", 10, 0, "a b c" },
		{ "x\x1b]0;title\x07y", 20, 0, "x]0;titley" },
		{ "abc", 0, 1, "" },
		{ "abc", 1, 0, "\xe2\x80\xa6" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = fit(cases[i].in, cases[i].cols, cases[i].pad);
		CHECK_STR(got, cases[i].want, cases[i].in);
		CHECK(text_width(got) <= cases[i].cols, "width of \"%s\"",
		    got);
		free(got);
	}
}

static void
test_wrap(void)
{
	const char	*s = "the quick brown fox";
	size_t		 n;
	int		 w;

	n = text_wrap(s, 10, &w);
	CHECK(n == 9 && w == 9, "breaks at the last space: %zu %d", n, w);
	n = text_wrap("abcdefghijkl", 5, &w);
	CHECK(n == 5 && w == 5, "hard break: %zu %d", n, w);
	n = text_wrap("line\nnext", 20, &w);
	CHECK(n == 4, "stops at a newline: %zu", n);
	n = text_wrap("年金年金", 3, &w);
	CHECK(n == 3 && w == 2, "wide characters: %zu %d", n, w);
}

static void
test_fold(void)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "Sécurité Sociale", "securite sociale" },
		{ "Straße", "strasse" },
		{ "Œuvre", "oeuvre" },
		{ "PENSIÓN", "pension" },
		{ "Arbeitslosengeld  für\nalle", "arbeitslosengeld fur alle" },
		{ "workers\xe2\x80\x99 compensation", "workers' compensation" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = fold(cases[i].in);
		CHECK_STR(got, cases[i].want, cases[i].in);
		free(got);
	}
	CHECK(text_casestr("La Réforme des RETRAITES", "retraites"),
	    "casestr finds folded text");
	CHECK(!text_casestr("pension", "pensions"), "casestr is exact");
}

static void
test_decode(void)
{
	uint32_t	 c;
	char		 enc[4];
	size_t		 n;

	n = text_decode("\xf0\x9f\x98\x80", 4, &c);
	CHECK(n == 4 && c == 0x1f600, "four bytes");
	n = text_decode("\xed\xa0\x80", 3, &c);
	CHECK(n == 1 && c == TEXT_INVALID, "surrogate rejected");
	n = text_decode("\xf4\x90\x80\x80", 4, &c);
	CHECK(n == 1 && c == TEXT_INVALID, "beyond U+10FFFF rejected");
	n = text_decode("\xe2\x82x", 3, &c);
	CHECK(n == 2 && c == TEXT_INVALID, "maximal subpart: %zu", n);
	n = text_decode("\xf0\x9f\x98", 3, &c);
	CHECK(n == 3 && c == TEXT_INVALID, "truncated four bytes: %zu", n);
	CHECK(text_encode(0xe9, enc) == 2 && memcmp(enc, "\xc3\xa9", 2) == 0,
	    "encode é");
	CHECK(text_encode(0xd800, enc) == 3 &&
	    memcmp(enc, "\xef\xbf\xbd", 3) == 0, "encode a surrogate");
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_set_utf8(1);
	test_decode();
	test_clean();
	test_width();
	test_fit();
	test_wrap();
	test_fold();
	CHECK_DONE();
}
