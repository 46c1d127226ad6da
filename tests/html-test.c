/*
 * Unit tests for html.c: the exact lines rendered from small documents,
 * attributes, links, marks, incremental layout, narrow widths, the seed
 * story fixture and a robustness loop over garbage.
 */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "buf.h"
#include "html.h"
#include "text.h"

#define BUL1	"\xe2\x80\xa2"		/* U+2022 bullet */
#define BUL2	"\xe2\x97\xa6"		/* U+25E6 white bullet */
#define BUL3	"\xe2\x96\xaa"		/* U+25AA small square */
#define RULE	"\xe2\x94\x80"		/* U+2500 box drawing */
#define ELL	"\xe2\x80\xa6"		/* U+2026 ellipsis */
#define NBSP	"\xc2\xa0"
#define FFFD	"\xef\xbf\xbd"
#define ZH	"\xe4\xb8\xad"		/* U+4E2D, two columns */
#define WEN	"\xe6\x96\x87"		/* U+6587 */
#define ZI	"\xe5\xad\x97"		/* U+5B57 */
#define BASE	"http://ex.org/dir/page.html"

static const char	*attr_letters = "bilhqpm";

/* Every line of d at width, each followed by a newline. */
static char *
lines_of(struct html_doc *d, int width, int attrs)
{
	const struct html_line	*l;
	const struct html_run	*r;
	struct buf		 b;
	size_t			 i, n;
	uint32_t		 k;
	int			 bit;

	buf_init(&b, BUF_UNLIMITED);
	n = html_layout(d, width, SIZE_MAX);
	for (i = 0; i < n; i++) {
		l = html_line(d, i);
		for (k = 0; k < l->nruns && attrs; k++) {
			r = &l->runs[k];
			if (r->attr == 0) {
				buf_add(&b, l->text + r->off, r->len);
				continue;
			}
			buf_addc(&b, '{');
			for (bit = 0; bit < 7; bit++) {
				if (r->attr & (1u << bit))
					buf_addc(&b, attr_letters[bit]);
			}
			buf_addc(&b, ':');
			buf_add(&b, l->text + r->off, r->len);
			buf_addc(&b, '}');
		}
		if (!attrs)
			buf_addstr(&b, l->text);
		buf_addc(&b, '\n');
	}
	return buf_take(&b);
}

static char *
render(const char *in, int is_html, const char *base, int width, int attrs)
{
	struct html_doc	*d;
	char		*s;

	d = html_parse(in, strlen(in), is_html, base);
	s = lines_of(d, width, attrs);
	html_free(d);
	return s;
}

/* What every laid-out line must be, whatever the input. */
static void
check_lines(struct html_doc *d, int width, const char *ctx)
{
	const struct html_line	*l;
	size_t			 i, n, first;
	uint32_t		 k, off, c;
	int			 pre, bad = 0;

	n = html_layout(d, width, SIZE_MAX);
	for (i = 0; i < n && !bad; i++) {
		l = html_line(d, i);
		bad |= strlen(l->text) != l->len;
		bad |= strchr(l->text, '\n') != NULL ||
		    strchr(l->text, '\t') != NULL;
		bad |= text_needs_clean(l->text, l->len, TEXT_DISPLAY);
		bad |= text_width(l->text) != l->width;
		pre = 0;
		for (k = off = 0; k < l->nruns; k++) {
			bad |= l->runs[k].off != off || l->runs[k].len == 0;
			off += l->runs[k].len;
			pre |= l->runs[k].attr & HTML_PRE;
		}
		bad |= off != l->len;
		/* Only preformatted text or a wide character sticks out. */
		if (l->width > width && !pre) {
			first = l->len - 1;
			while (first > 0 && ((unsigned char)l->text[first] &
			    0xc0) == 0x80)
				first--;
			bad |= l->width > width + 1 || text_decode(l->text +
			    first, l->len - first, &c) != l->len - first ||
			    text_cpwidth(c) != 2;
		}
		CHECK(!bad, "%s: width %d line %zu: \"%s\" (%d columns)",
		    ctx, width, i, l->text, l->width);
	}
}

static void
test_render(void)
{
	static const struct {
		int		 html;
		int		 width;
		const char	*base;
		const char	*in;
		const char	*want;
	} cases[] = {
		/* Paragraphs, line breaks, headings. */
		{ 1, 40, NULL, "<p>Hello <b>world</b></p><p>Second one</p>",
		    "Hello world\n\nSecond one\n" },
		{ 1, 40, NULL, "just text", "just text\n" },
		{ 1, 40, NULL, "", "" },
		{ 1, 40, NULL, "  \n <p></p><div> </div>", "" },
		{ 1, 40, NULL, "<div>a</div><div>b</div>text", "a\nb\ntext\n" },
		{ 1, 40, NULL, "a<br>b<br><br>c<br><br><br><br>d<br>",
		    "a\nb\n\nc\n\nd\n" },
		{ 1, 40, NULL, "<p>a</p><br><br><p>b</p>", "a\n\nb\n" },
		{ 1, 40, NULL, "<h1>Title</h1>Text<h2>Sub</h2><p>More</p>",
		    "Title\n\nText\n\nSub\n\nMore\n" },
		/* Wrapping by columns, long words cut. */
		{ 1, 10, NULL, "<p>one two three four five six</p>",
		    "one two\nthree four\nfive six\n" },
		{ 1, 4, NULL, "<p>abcdefghij klm</p>",
		    "abcd\nefgh\nij\nklm\n" },
		{ 1, 7, NULL, "<p>" ZH WEN ZI ZH WEN ZI ZH WEN "</p>",
		    ZH WEN ZI "\n" ZH WEN ZI "\n" ZH WEN "\n" },
		{ 1, 5, NULL, "<p>" ZH WEN ZI ZH WEN ZI ZH WEN "</p>",
		    ZH WEN "\n" ZI ZH "\n" WEN ZI "\n" ZH WEN "\n" },
		{ 1, 7, NULL, "<p>e&#x301;e&#x301;e&#x301; abc</p>",
		    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" " abc\n" },
		/* Lists. */
		{ 1, 40, NULL, "<ul><li>one<li>two<ul><li>inner<ul><li>deep"
		    "</ul></ul></ul>", "  " BUL1 " one\n  " BUL1 " two\n    "
		    BUL2 " inner\n      " BUL3 " deep\n" },
		{ 1, 40, NULL, "<ol><li>a<li>b</ol><ol start=9><li>c<li>d</ol>",
		    "  1. a\n  2. b\n\n  9. c\n  10. d\n" },
		{ 1, 40, NULL, "<ol><li value=5>a<li>b</ol>",
		    "  5. a\n  6. b\n" },
		{ 1, 12, NULL, "<ul><li>alpha beta gamma</ul>",
		    "  " BUL1 " alpha\n    beta\n    gamma\n" },
		{ 1, 40, NULL, "<ul><li><p>first</p><p>second</p></li></ul>",
		    "  " BUL1 " first\n\n    second\n" },
		{ 1, 40, NULL, "<p>x</p><ul><li>a</li></ul><p>y</p>",
		    "x\n\n  " BUL1 " a\n\ny\n" },
		{ 1, 40, NULL, "<li>stray</li>", BUL1 " stray\n" },
		{ 1, 40, NULL, "<dl><dt>Term<dd>Definition text</dl>",
		    "Term\n    Definition text\n" },
		/* Quotes, preformatted text, rules. */
		{ 1, 12, NULL, "<p>x</p><blockquote>quoted words here"
		    "</blockquote><p>y</p>",
		    "x\n\n> quoted\n> words here\n\ny\n" },
		{ 1, 40, NULL, "<blockquote>a<blockquote>b</blockquote>"
		    "</blockquote>", "> a\n\n> > b\n" },
		{ 1, 40, NULL, "<pre>\na\tb\n\tc\n  d  e\n</pre>",
		    "a       b\n        c\n  d  e\n" },
		{ 1, 5, NULL, "<pre>a long line</pre>", "a long line\n" },
		{ 1, 40, NULL, "<p>x</p><pre>code</pre><p>y</p>",
		    "x\n\ncode\n\ny\n" },
		{ 1, 5, NULL, "<p>a</p><hr><p>b</p>",
		    "a\n\n" RULE RULE RULE RULE RULE "\n\nb\n" },
		/* Tables. */
		{ 1, 40, NULL, "<table><tr><th>Name<th>Value<tr><td>a<td>1<tr>"
		    "<td><td>2</table>", "Name | Value\na | 1\n2\n" },
		{ 1, 40, NULL, "<table><tr><td><p>x</p><p>y</p><td>z<br>w</td>"
		    "</tr></table>", "x y | z w\n" },
		{ 1, 40, NULL, "<p>a</p><table><tr><td>b</td></tr></table>"
		    "<p>c</p>", "a\n\nb\n\nc\n" },
		/* Images. */
		{ 1, 40, NULL, "<p>See <img src=x alt='A chart'> and "
		    "<img src=y>.</p>", "See [image: A chart] and [image].\n" },
		{ 1, 40, NULL, "<p>a<img src=t width=1 height=1>b</p>",
		    "ab\n" },
		/* Entities and white space. */
		{ 1, 60, NULL, "<p>&lt;tag&gt; &amp; &eacute;t&eacute; "
		    "&#8364;&#x263A; &quot;q&quot; &bogus;</p>",
		    "<tag> & \xc3\xa9t\xc3\xa9 \xe2\x82\xac\xe2\x98\xba \"q\" "
		    "&bogus;\n" },
		{ 1, 40, NULL, "<p>a &nbsp; b</p>", "a " NBSP " b\n" },
		{ 1, 60, NULL, "<p>  Assane<b>Diop</b>  and\n\n Mr "
		    "<b>Konkolewsky</b> </p>",
		    "AssaneDiop and Mr Konkolewsky\n" },
		{ 1, 40, NULL, "<p><b>a</b> <i>b</i>c<span> </span>d</p>",
		    "a bc d\n" },
		{ 1, 40, NULL, "<p>a</p>\n\n  <p>b</p>", "a\n\nb\n" },
		/* Markup that is dropped. */
		{ 1, 40, NULL, "<html><head><title>T</title><style>p{}</style>"
		    "</head><body><p>a<script>var x='<p>';</script>b<!-- c -->d"
		    "</p></body></html>", "abd\n" },
		{ 1, 40, NULL, "<p>x<custom-tag attr=1>y</custom-tag>z"
		    "<font color=red>w</font></p>", "xyzw\n" },
		/* Nothing from the document reaches the terminal raw. */
		{ 1, 40, NULL, "<p>a\x1b[31mb &#x1b;c \xe2\x80\xae" "d\x07"
		    "e\xc2\x9b" "f&#x202e;g</p>", "a[31mb c defg\n" },
		{ 1, 40, NULL, "<p>a\xff" "b\xc3</p>", "a" FFFD "b" FFFD "\n" },
		{ 1, 40, NULL, "<p>nul\0byte</p>", "nul\n" },
		/* Links. */
		{ 1, 60, BASE, "<p><a href='/a'>A</a> <a href='b.html'>B</a> "
		    "<a href='http://ex.org/a'>again</a> <a href='javascript:"
		    "alert(1)'>js</a> <a href='mailto:x@y.org'>mail</a> "
		    "<a name=n>anchor</a></p>", "A[1] B[2] again[1] js[3] "
		    "mail[4] anchor\n\nLinks:\n[1] http://ex.org/a\n[2] "
		    "http://ex.org/dir/b.html\n[3] javascript:alert(1) (not "
		    "opened)\n[4] mailto:x@y.org (not opened)\n" },
		{ 1, 60, BASE, "<p><a href=/x>text </a>more</p>",
		    "text[1] more\n\nLinks:\n[1] http://ex.org/x\n" },
		{ 1, 60, BASE, "<a href='http://ex.org/\x1b[2Jx\xe2\x80\xae"
		    "y\n\tz&#x202e;'>t</a>",
		    "t[1]\n\nLinks:\n[1] http://ex.org/[2Jxyz\n" },
		{ 1, 100, NULL, "<a href='javascript:void(0);void(1);void(2);"
		    "void(3);void(4)'>x</a>", "x[1]\n\nLinks:\n[1] javascript:"
		    "void(0);void(1);void(2);void(" ELL " (not opened)\n" },
		{ 1, 60, NULL, "<a href='x.html'>x</a>",
		    "x[1]\n\nLinks:\n[1] x.html (not opened)\n" },
		{ 1, 60, "http://ex.org/p", "<a href=''>self</a>",
		    "self[1]\n\nLinks:\n[1] http://ex.org/p\n" },
		{ 1, 60, NULL, "<a href=''>self</a>", "self\n" },
		{ 1, 60, BASE, "<a href=/x><div>block one</div><div>block two"
		    "</div></a>", "block one\nblock two[1]\n\nLinks:\n[1] "
		    "http://ex.org/x\n" },
		{ 1, 60, BASE, "<ul><li><a href=/x><p>in a list</p></a></ul>",
		    "  " BUL1 " in a list[1]\n\nLinks:\n"
		    "[1] http://ex.org/x\n" },
		{ 1, 60, BASE, "<p>x</p><a href=/x></a>",
		    "x\n\n[1]\n\nLinks:\n[1] http://ex.org/x\n" },
		{ 1, 60, BASE,
		    "<a href='http://e.org/'><img src=i alt=Logo></a>",
		    "[image: Logo][1]\n\nLinks:\n[1] http://e.org/\n" },
		{ 1, 16, BASE, "<a href='/a-rather-long-path'>x</a>",
		    "x[1]\n\nLinks:\n[1] http://ex.or\n    g/a-rather-l\n"
		    "    ong-path\n" },
		/* Plain text keeps its lines. */
		{ 0, 12, NULL,
		    "line one\nline two is longer\n\n\n\npara\ttab\r\n",
		    "line one\nline two is\nlonger\n\npara    tab\n" },
		{ 0, 40, NULL, "  indented\nnext", "  indented\nnext\n" },
		{ 0, 40, NULL, "a\x1b[2Jb\xe2\x80\xae" "c", "a[2Jbc\n" },
		{ 0, 40, NULL, "<b>not html</b> &amp;",
		    "<b>not html</b> &amp;\n" },
		{ 0, 40, NULL, "\n\n\nx\n\n\n", "x\n" },
	};
	size_t	 i;
	char	*got, ctx[32];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = render(cases[i].in, cases[i].html, cases[i].base,
		    cases[i].width, 0);
		snprintf(ctx, sizeof ctx, "render case %zu", i);
		CHECK_STR(got, cases[i].want, ctx);
		free(got);
	}
}

/* The input of case "nul" has a NUL inside: parse it with its length. */
static void
test_nul(void)
{
	static const char	 in[] = "<p>nul\0byte</p>";
	struct html_doc		*d;
	char			*got;

	d = html_parse(in, sizeof in - 1, 1, NULL);
	got = lines_of(d, 40, 0);
	CHECK_STR(got, "nulbyte\n", "NUL inside");
	free(got);
	html_free(d);
}

static void
test_attrs(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "<p>x <b>bold <i>both</i></b> <a href=/u>l</a></p>",
		    "x {b:bold }{bi:both} {l:l[1]}\n\n{h:Links:}\n"
		    "[1] {l:http://ex.org/u}\n" },
		{ "<h2>T <em>x</em></h2>", "{h:T }{ih:x}\n" },
		{ "<blockquote>q</blockquote>", "{q:>} {q:q}\n" },
		{ "<p>a <code>b</code></p><pre>c</pre>", "a {p:b}\n\n{p:c}\n" },
		{ "<table><tr><th>H<td>d</table>", "{b:H} | d\n" },
		{ "<p><u>under</u> <strong>s</strong></p>",
		    "{i:under} {b:s}\n" },
	};
	size_t	 i;
	char	*got, ctx[32];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = render(cases[i].in, 1, BASE, 60, 1);
		snprintf(ctx, sizeof ctx, "attr case %zu", i);
		CHECK_STR(got, cases[i].want, ctx);
		free(got);
	}
}

static void
test_links(void)
{
	static const char	 in[] = "<a href=/a>a</a><a href=b>b</a>"
	    "<a href=/a>again</a><a href='javascript:x()'>c</a>";
	struct html_doc		*d;

	d = html_parse(in, strlen(in), 1, BASE);
	CHECK(html_nlinks(d) == 3, "%zu links", html_nlinks(d));
	CHECK_STR(html_link(d, 1), "http://ex.org/a", "link 1");
	CHECK_STR(html_link(d, 2), "http://ex.org/dir/b", "link 2");
	CHECK_STR(html_link(d, 3), "javascript:x()", "link 3");
	CHECK(html_link(d, 0) == NULL && html_link(d, 4) == NULL,
	    "links out of range");
	html_free(d);

	d = html_parse("<p>none</p>", 11, 1, BASE);
	CHECK(html_nlinks(d) == 0, "no links");
	html_free(d);
}

static void
test_marks(void)
{
	static const struct {
		const char	*in;
		const char	*pat[2];
		int		 flags;
		int		 width;
		const char	*want;
	} cases[] = {
		{ "<p>La S&eacute;curit&eacute;\nsociale et la pension.</p>",
		    { "securite  sociale", NULL }, 0, 40,
		    "La {m:S\xc3\xa9" "curit\xc3\xa9 sociale} et la "
		    "pension.\n" },
		{ "<p>pension pensions suspension pensioner</p>",
		    { "pension*", NULL }, HTML_MARK_WORD, 60,
		    "{m:pension} {m:pensions} suspension {m:pensioner}\n" },
		{ "<p>pension pensions suspension pensioner</p>",
		    { "Pension", NULL }, HTML_MARK_WORD, 60,
		    "{m:pension} pensions suspension pensioner\n" },
		{ "<p>pension pensions suspension</p>",
		    { "pension", NULL }, 0, 60,
		    "{m:pension} {m:pension}s sus{m:pension}\n" },
		{ "<p>CAF caf CAFE la CAF.</p>", { "CAF", NULL },
		    HTML_MARK_WORD | HTML_MARK_CASE, 60,
		    "{m:CAF} caf CAFE la {m:CAF}.\n" },
		{ "<p>aaa social security bbb</p>", { "social security", NULL },
		    0, 10, "aaa {m:social}\n{m:security}\nbbb\n" },
		{ "<p><b>ILO</b> and ILO</p>", { "ilo", NULL }, 0, 40,
		    "{bm:ILO} and {m:ILO}\n" },
		{ "<p>social security fund</p>",
		    { "social", "social security" }, 0, 40,
		    "{m:social security} fund\n" },
		{ "<p>Rentenreform Rente rentier</p>", { "Rente*", NULL },
		    HTML_MARK_WORD, 40,
		    "{m:Rentenreform} {m:Rente} rentier\n" },
		{ "<p>\xc3\x89t\xc3\xa9 \xc3\xa9t\xc3\xa9s</p>",
		    { "ete", NULL }, HTML_MARK_WORD, 40,
		    "{m:\xc3\x89t\xc3\xa9} \xc3\xa9t\xc3\xa9s\n" },
		{ "<p>a</p>", { "   ", NULL }, 0, 40, "a\n" },
	};
	struct html_doc	*d;
	size_t		 i;
	char		*got, ctx[32];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		d = html_parse(cases[i].in, strlen(cases[i].in), 1, NULL);
		html_layout(d, cases[i].width, SIZE_MAX);	/* then again */
		html_mark(d, cases[i].pat[0], cases[i].flags);
		if (cases[i].pat[1] != NULL)
			html_mark(d, cases[i].pat[1], cases[i].flags);
		got = lines_of(d, cases[i].width, 1);
		snprintf(ctx, sizeof ctx, "mark case %zu", i);
		CHECK_STR(got, cases[i].want, ctx);
		free(got);
		html_mark(d, NULL, 0);
		got = lines_of(d, cases[i].width, 1);
		CHECK(strstr(got, "m:") == NULL, "%s: marks not cleared: %s",
		    ctx, got);
		free(got);
		html_free(d);
	}
}

static const char	*rich =
    "<h1>Heading</h1><p>Some <b>bold</b> and <i>italic</i> text with a "
    "<a href=/l>link</a> and " ZH WEN ZI " wide text.</p><ul><li>item one"
    "<li>item two<ol><li>sub item</ol></ul><blockquote>quoted text here"
    "</blockquote><pre>pre\tformatted line</pre><table><tr><td>c1<td>c2"
    "</table><hr><dl><dt>term<dd>definition</dl><img alt=picture>"
    "<p>averyveryverylongwordwithoutspaces end</p>";

/* Laying out a part, then more, gives the lines a full layout gives. */
static void
test_incremental(void)
{
	struct html_doc	*d, *full;
	size_t		 n, total, i;
	int		 width;

	full = html_parse(rich, strlen(rich), 1, BASE);
	d = html_parse(rich, strlen(rich), 1, BASE);
	for (width = 20; width <= 30; width += 10) {
		total = html_layout(full, width, SIZE_MAX);
		n = html_layout(d, width, 5);
		CHECK(n == 5, "width %d: %zu lines for 5", width, n);
		n = html_layout(d, width, 12);
		CHECK(n == 12, "width %d: %zu lines for 12", width, n);
		n = html_layout(d, width, SIZE_MAX);
		CHECK(n == total, "width %d: %zu lines, %zu in one go", width,
		    n, total);
		for (i = 0; i < n && i < total; i++)
			CHECK_STR(html_line(d, i)->text,
			    html_line(full, i)->text, "incremental line");
		CHECK(html_line(d, n) == NULL, "line past the end");
	}
	html_free(d);
	html_free(full);
}

/* Narrow panes and every width up to 100 keep the invariants. */
static void
test_widths(void)
{
	struct html_doc	*d;
	int		 width;

	d = html_parse(rich, strlen(rich), 1, BASE);
	for (width = -1; width <= 100; width++)
		check_lines(d, width < 1 ? 1 : width, "rich");
	html_layout(d, 0, SIZE_MAX);	/* clamped to 1 */
	html_free(d);
}

/*
 * The words are the same at every width where none has to be cut (quote
 * markers, repeated on each line, left out).
 */
static char *
words(struct html_doc *d, int width)
{
	struct buf	 b;
	size_t		 i, n;
	const char	*s;

	buf_init(&b, BUF_UNLIMITED);
	n = html_layout(d, width, SIZE_MAX);
	for (i = 0; i < n; i++) {
		s = html_line(d, i)->text;
		while (s[0] == '>' && s[1] == ' ')
			s += 2;
		for (; *s != '\0'; s++) {
			if (*s != ' ')
				buf_addc(&b, *s);
			else if (b.len > 0 && b.data[b.len - 1] != ' ')
				buf_addc(&b, ' ');
		}
		if (b.len > 0 && b.data[b.len - 1] != ' ')
			buf_addc(&b, ' ');
	}
	return buf_take(&b);
}

static void
test_relayout(void)
{
	static const char	 in[] = "<p>The International Social Security "
	    "Association and the ILO have forged a new link aimed at "
	    "promoting extension of social security.</p><ul><li>technical "
	    "advisory services<li>capacity building and training</ul>"
	    "<blockquote>founded in 1927 in Geneva</blockquote>";
	struct html_doc		*d;
	char			*want, *got;
	int			 width;

	d = html_parse(in, sizeof in - 1, 1, NULL);
	want = words(d, 1000);
	CHECK(strstr(want, "1927 in Geneva") != NULL, "%s", want);
	for (width = 100; width >= 16; width--) {
		got = words(d, width);
		CHECK_STR(got, want, "words at another width");
		free(got);
	}
	free(want);
	html_free(d);
}

static char *
read_file(const char *name, size_t *len)
{
	const char	*dir = getenv("srcdir");
	char		 path[1024];
	struct buf	 b;
	FILE		*f;
	char		 tmp[4096];
	size_t		 n;

	snprintf(path, sizeof path, "%s/tests/data/html/%s",
	    dir != NULL ? dir : ".", name);
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	buf_init(&b, BUF_UNLIMITED);
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

static void
test_fixture(void)
{
	static const char	*want =
	    "ISSA and ILO sign \"historic\" co-operation agreement on social "
	    "security\n\n"
	    "ILO News \xe2\x80\x93 Geneva, 22" NBSP "March" NBSP "2012\n\n"
	    "The International Social Security Association and the ILO have "
	    "forged a new link aimed at promoting extension of social "
	    "security to the 80 percent of the world\xe2\x80\x99s people who "
	    "lack coverage.\n\n"
	    "[image: Signing of the Memorandum at ILO headquarters]\n\n"
	    "A Memorandum of Understanding, following the conclusions of the "
	    "International Labour Conference[1] in 2011, was signed at ILO "
	    "headquarters by AssaneDiop, ILO Executive Director, Social "
	    "Protection Sector, and Hans-Horst Konkolewsky, Secretary General "
	    "of the ISSA[2].\n\n"
	    "Five areas of collaboration\n\n"
	    "  1. Technical advisory services: institutional capacities, "
	    "governance and management of social security.\n"
	    "  2. Policy development and advocacy for the extension of "
	    "coverage.\n"
	    "  3. Collection and dissemination of knowledge and statistics on "
	    "social security.\n"
	    "  4. Professional guidelines for social security "
	    "administration.\n"
	    "  5. Capacity building and training.\n\n"
	    "> The ISSA was founded under the auspices of the ILO in 1927; its "
	    "secretariat sits at ILO headquarters in Geneva.\n\n"
	    "For the ISSA, MrKonkolewsky signed the Memorandum. Version "
	    "fran\xc3\xa7" "aise[3]\n\n"
	    "Links:\n"
	    "[1] http://ilo.org/global/meetings-and-events/"
	    "international-labour-conference/lang--en/index.htm\n"
	    "[2] http://www.issa.int/\n"
	    "[3] http://ilo.org/global/about-the-ilo/newsroom/news/"
	    "WCMS_176109/lang--fr/index.htm\n";
	static const char	*want72[] = {
	    "A Memorandum of Understanding, following the conclusions of the",
	    "International Labour Conference[1] in 2011, was signed at ILO",
	    "headquarters by AssaneDiop, ILO Executive Director, Social "
	    "Protection",
	    "Sector, and Hans-Horst Konkolewsky, Secretary General of the "
	    "ISSA[2].",
	    "  1. Technical advisory services: institutional capacities, "
	    "governance",
	    "     and management of social security.",
	    "> The ISSA was founded under the auspices of the ILO in 1927; its",
	    "> secretariat sits at ILO headquarters in Geneva.",
	    "[1] http://ilo.org/global/meetings-and-events/"
	    "international-labour-confe",
	    "    rence/lang--en/index.htm",
	};
	struct html_doc	*d;
	char		*in, *got;
	size_t		 len, i, j, n;

	in = read_file("issa-ilo.html", &len);
	CHECK(in != NULL, "cannot read issa-ilo.html");
	if (in == NULL)
		return;
	d = html_parse(in, len, 1, "http://ilo.org/global/about-the-ilo/"
	    "newsroom/news/WCMS_176109/lang--en/index.htm");
	got = lines_of(d, 1000, 0);
	CHECK_STR(got, want, "seed story");
	free(got);
	CHECK(html_nlinks(d) == 3, "seed story: %zu links", html_nlinks(d));
	CHECK_STR(html_link(d, 2), "http://www.issa.int/", "seed story link");
	n = html_layout(d, 72, SIZE_MAX);
	for (i = 0; i < sizeof want72 / sizeof want72[0]; i++) {
		for (j = 0; j < n; j++) {
			if (strcmp(html_line(d, j)->text, want72[i]) == 0)
				break;
		}
		CHECK(j < n, "seed story at 72 columns lacks \"%s\"",
		    want72[i]);
	}
	for (i = 1; i <= 5; i++)
		check_lines(d, (int)i, "seed story");
	check_lines(d, 72, "seed story");
	html_free(d);
	free(in);
}

/*
 * Positions: growing line by line at any width; each line is found by its
 * own position; at another width the line found holds that place (it
 * starts at or before it, the next one after it).
 */
static void
test_find(void)
{
	static const int	 widths[] = { 79, 118, 30, 12, 1 };
	struct html_doc		*d;
	char			*in;
	size_t			 len, n, m, i, j, w, v;
	uint64_t		 pos;

	in = read_file("issa-ilo.html", &len);
	if (in == NULL)
		return;
	d = html_parse(in, len, 1, "http://example.org/");
	for (w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		n = html_layout(d, widths[w], SIZE_MAX);
		for (i = 1; i < n; i++)
			CHECK(html_line(d, i)->pos > html_line(d, i - 1)->pos,
			    "width %d: line %zu at %llu, after %llu", widths[w],
			    i, (unsigned long long)html_line(d, i)->pos,
			    (unsigned long long)html_line(d, i - 1)->pos);
		for (i = 0; i < n; i++)
			CHECK(html_find(d, html_line(d, i)->pos) == i,
			    "width %d: line %zu not found by its place",
			    widths[w], i);
		for (v = 0; v < sizeof widths / sizeof widths[0]; v++) {
			for (i = 0; i < n; i += 7) {
				html_layout(d, widths[w], SIZE_MAX);
				pos = html_line(d, i)->pos;
				m = html_layout(d, widths[v], SIZE_MAX);
				j = html_find(d, pos);
				CHECK(html_line(d, j)->pos <= pos && (j + 1 == m ||
				    html_line(d, j + 1)->pos > pos),
				    "line %zu at %d found as %zu at %d", i,
				    widths[w], j, widths[v]);
			}
		}
	}
	/* Found from a fresh layout, laid out only as far as needed. */
	n = html_layout(d, 40, SIZE_MAX);
	pos = html_line(d, n - 1)->pos;
	html_layout(d, 41, 1);
	html_layout(d, 40, 1);
	CHECK(html_find(d, pos) == n - 1, "the last line, found lazily");
	html_free(d);
	free(in);
}

static uint32_t	 rng = 2463534242u;

static uint32_t
next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Random pieces of markup and bytes: nothing may crash or leak. */
static void
test_garbage(void)
{
	static const char *const bits[] = {
		"<p>", "</p>", "<ul>", "<ol start=99999999999>", "<li>",
		"</li>", "</ul>", "<blockquote>", "</blockquote>", "<pre>",
		"</pre>", "\t", "\n", " ", "<br>", "<hr>", "<table>", "<tr>",
		"<td>", "<th>", "</table>", "<a href='", "'>", "</a>",
		"<img alt='", "<script>", "</script>", "<style>", "<!--",
		"-->", "&amp;", "&#x1b;", "&#0;", "&", "<", ">", "\x1b[2J",
		"\xe2\x80\xae", "\xff", "\xc3", ZH, "e\xcc\x81", "word ",
		"javascript:", "<h1>", "</h1>", "<dl><dt>", "<dd>", "<b>",
		"</i>", "<div>", "</div>", "\0", "<li value=-7>", "\r\n",
	};
	struct html_doc	*d;
	struct buf	 b;
	int		 iter, k, n;

	for (iter = 0; iter < 1500; iter++) {
		buf_init(&b, BUF_UNLIMITED);
		n = (int)(next_random() % 200);
		for (k = 0; k < n; k++) {
			if (next_random() % 4 == 0)
				buf_addc(&b, (int)(next_random() & 0xff));
			else
				buf_addstr(&b, bits[next_random() %
				    (sizeof bits / sizeof bits[0])]);
		}
		d = html_parse(b.data, b.len, iter % 5 != 0,
		    iter % 2 ? BASE : NULL);
		if (iter % 3 == 0)
			html_mark(d, "word", HTML_MARK_WORD);
		check_lines(d, 1 + (int)(next_random() % 6), "garbage");
		check_lines(d, 1 + (int)(next_random() % 100), "garbage");
		html_free(d);
		buf_free(&b);
	}
}

/*
 * Documents bigger than one push to libxml2: a script or a character cut
 * between two pushes must not show.
 */
static void
test_chunks(void)
{
	struct html_doc	*d;
	struct buf	 b;
	char		*got;
	size_t		 pad;
	int		 i;

	for (i = 0; i < 24; i++) {
		buf_init(&b, BUF_UNLIMITED);
		buf_addstr(&b, "<p>");
		for (pad = 3; pad < 65536 - 30 + (size_t)i; pad++)
			buf_addc(&b, pad % 64 == 0 ? ' ' : 'x');
		buf_addstr(&b, "<script>var a = 1 < 2;</script>after "
		    "\xc3\xa9t\xc3\xa9</p>");
		d = html_parse(b.data, b.len, 1, NULL);
		got = lines_of(d, 80, 0);
		CHECK(strstr(got, "var") == NULL && strstr(got, "after") !=
		    NULL && strstr(got, "\xc3\xa9t\xc3\xa9\n") != NULL,
		    "script at %zu", b.len);
		free(got);
		html_free(d);
		buf_free(&b);
	}
	for (i = 0; i < 4; i++) {
		buf_init(&b, BUF_UNLIMITED);
		for (pad = 0; pad < 65536 - 2 + (size_t)i; pad++)
			buf_addc(&b, 'y');
		buf_addstr(&b, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 end");
		d = html_parse(b.data, b.len, 1, NULL);
		got = lines_of(d, 80, 0);
		CHECK(strstr(got, "\xc3\xa9") != NULL && strstr(got,
		    "\xe2\x82\xac") != NULL && strstr(got, "\xf0\x9f\x98\x80")
		    != NULL && strstr(got, FFFD) == NULL, "character cut at %d",
		    i);
		free(got);
		html_free(d);
		buf_free(&b);
	}
}

/* Without UTF-8 the markers are ASCII. */
static void
test_ascii(void)
{
	char	*got;

	text_set_utf8(0);
	got = render("<ul><li>a<ul><li>b</ul></ul><hr><a href='javascript:"
	    "void(0);void(1);void(2);void(3);void(4)'>x</a>", 1, NULL, 60, 0);
	CHECK_STR(got, "  * a\n    - b\n\n------------------------------------"
	    "------------------------\nx[1]\n\nLinks:\n[1] javascript:void(0);"
	    "void(1);void(2);void(... (not opened)\n", "ASCII markers");
	free(got);
	text_set_utf8(1);
}

/* Deep nesting loses its prefixes, not the text. */
static void
test_deep(void)
{
	struct buf	 b;
	char		*got;
	int		 i;

	buf_init(&b, BUF_UNLIMITED);
	for (i = 0; i < 300; i++)
		buf_addstr(&b, "<blockquote><ul><li>");
	buf_addstr(&b, "deep");
	got = render(buf_str(&b), 1, NULL, 80, 0);
	CHECK_STR(got, "deep\n", "deep nesting");
	free(got);
	buf_free(&b);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_set_utf8(1);
	test_render();
	test_nul();
	test_attrs();
	test_links();
	test_marks();
	test_incremental();
	test_widths();
	test_relayout();
	test_fixture();
	test_find();
	test_chunks();
	test_ascii();
	test_deep();
	test_garbage();
	CHECK_DONE();
}
