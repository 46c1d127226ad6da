/*
 * HTML (or plain text) to wrapped, attributed lines.
 *
 * Two phases, so that a resize never parses again and a long article
 * shows at once:
 *   html_parse()  streams the body through libxml2's HTML push parser and
 *                 keeps a compact list of blocks (paragraph, preformatted
 *                 text, rule), each with clean text, inline attribute runs
 *                 and the prefixes that indent it (list markers, "> ");
 *   html_layout() wraps blocks into lines for one width, only as far as
 *                 the caller needs, and resumes where it stopped.
 *
 * Whitespace follows CSS normal flow: runs collapse to one space that
 * belongs to neither side, so "Assane<b>Diop</b>" stays one word.  Every
 * string from the document goes through text_clean(TEXT_DISPLAY) before
 * it is kept; widths are display columns.
 *
 * This file parses and keeps the links; html-block.c builds the blocks
 * and html-layout.c lays them out.
 *
 *   White space  CSS 2.1 section 16.6, https://www.w3.org/TR/CSS21/text.html
 *   Elements     https://html.spec.whatwg.org/multipage/rendering.html
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "buf.h"
#include "html-int.h"
#include "html.h"
#include "i18n.h"
#include "log.h"
#include "text.h"
#include "xmalloc.h"

#define HTML_INPUT_MAX	(64u << 20)	/* bytes of input looked at */
#define HTML_CHUNK	(64u << 10)	/* bytes pushed to libxml2 at once */
#define HTML_SEARCH	64		/* frames searched for an end tag */
#define HTML_SHOW_MAX	2000		/* bytes of a link shown */
#define HTML_SHOW_ODD	40		/* ... of one that is not opened */

/* Known elements, sorted by name; any other element only keeps its text. */
const struct tag html_tags[] = {
	{ "a", K_A, 0 },		{ "address", K_PARA, 0 },
	{ "article", K_BLOCK, 0 },	{ "aside", K_BLOCK, 0 },
	{ "b", K_INLINE, HTML_BOLD },	{ "blockquote", K_QUOTE, HTML_QUOTE },
	{ "br", K_BR, 0 },		{ "caption", K_BLOCK, 0 },
	{ "center", K_BLOCK, 0 },	{ "cite", K_INLINE, HTML_ITALIC },
	{ "code", K_INLINE, HTML_PRE },	{ "dd", K_DD, 0 },
	{ "details", K_BLOCK, 0 },	{ "dfn", K_INLINE, HTML_ITALIC },
	{ "dir", K_LIST, 0 },		{ "div", K_BLOCK, 0 },
	{ "dl", K_PARA, 0 },		{ "dt", K_DT, HTML_BOLD },
	{ "em", K_INLINE, HTML_ITALIC }, { "fieldset", K_BLOCK, 0 },
	{ "figcaption", K_BLOCK, 0 },	{ "figure", K_PARA, 0 },
	{ "footer", K_BLOCK, 0 },	{ "form", K_BLOCK, 0 },
	{ "h1", K_HEADING, HTML_HEADING }, { "h2", K_HEADING, HTML_HEADING },
	{ "h3", K_HEADING, HTML_HEADING }, { "h4", K_HEADING, HTML_HEADING },
	{ "h5", K_HEADING, HTML_HEADING }, { "h6", K_HEADING, HTML_HEADING },
	{ "head", K_SKIP, 0 },		{ "header", K_BLOCK, 0 },
	{ "hgroup", K_BLOCK, 0 },	{ "hr", K_HR, 0 },
	{ "i", K_INLINE, HTML_ITALIC },	{ "img", K_IMG, 0 },
	{ "ins", K_INLINE, HTML_ITALIC }, { "kbd", K_INLINE, HTML_PRE },
	{ "legend", K_BLOCK, 0 },	{ "li", K_LI, 0 },
	{ "listing", K_PRE, HTML_PRE },	{ "main", K_BLOCK, 0 },
	{ "menu", K_LIST, 0 },		{ "nav", K_BLOCK, 0 },
	{ "ol", K_LIST, 0 },		{ "option", K_BLOCK, 0 },
	{ "p", K_PARA, 0 },		{ "plaintext", K_PRE, HTML_PRE },
	{ "pre", K_PRE, HTML_PRE },	{ "samp", K_INLINE, HTML_PRE },
	{ "script", K_SKIP, 0 },	{ "section", K_BLOCK, 0 },
	{ "strong", K_INLINE, HTML_BOLD }, { "style", K_SKIP, 0 },
	{ "summary", K_BLOCK, 0 },	{ "svg", K_SKIP, 0 },
	{ "table", K_TABLE, 0 },	{ "td", K_CELL, 0 },
	{ "template", K_SKIP, 0 },	{ "th", K_CELL, HTML_BOLD },
	{ "title", K_SKIP, 0 },		{ "tr", K_TR, 0 },
	{ "tt", K_INLINE, HTML_PRE },	{ "u", K_INLINE, HTML_ITALIC },
	{ "ul", K_LIST, 0 },		{ "var", K_INLINE, HTML_ITALIC },
	{ "xmp", K_PRE, HTML_PRE },
};
#define NTAGS	(sizeof html_tags / sizeof html_tags[0])

static int	 tag_find(const char *);
static int	 tag_lookup(struct parser *, const xmlChar *);
static void	 clean_append(struct buf *, const char *, size_t, int);
static uint64_t	 hash(const char *);
static const char *attr_get(const xmlChar **, const char *);
static int	 is_absolute(const char *);
static int	 is_openable(const char *);
static uint32_t	 link_add(struct parser *, const char *);
static void	 on_image(struct parser *, const xmlChar **);
static void	 pstack_push(struct parser *, const struct frame *);
static struct frame *pstack_top(struct parser *, enum kind);
static void	 list_item(struct parser *, struct frame *, const xmlChar **);
static void	 on_open(struct parser *, struct frame *, const xmlChar **);
static void	 on_close(struct parser *, struct frame *);
static void	 sax_start(void *, const xmlChar *, const xmlChar **);
static void	 sax_end(void *, const xmlChar *);
static void	 sax_text(void *, const xmlChar *, int);
static void	 sax_error(void *, xmlErrorPtr);
static size_t	 chunk_end(const char *, size_t, size_t);
static void	 parse_plain(struct parser *, const char *, size_t);
static void	 links_section(struct parser *);

static int
tag_find(const char *name)
{
	size_t	 lo = 0, hi = NTAGS, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(name, html_tags[mid].name);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* tag_find() for names from libxml2's dictionary, remembered by address. */
static int
tag_lookup(struct parser *p, const xmlChar *name)
{
	size_t	 h = ((uintptr_t)name >> 3) % HTML_TAGCACHE;

	if (p->cname[h] != name) {
		p->cname[h] = name;
		p->ctag[h] = tag_find((const char *)name);
	}
	return p->ctag[h];
}

/* text_clean() that copies clean spans whole: most text has none to fix. */
static void
clean_append(struct buf *b, const char *s, size_t n, int flags)
{
	uint32_t	 c;
	size_t		 k;

	while (n > 0) {
		k = text_span(s, n, flags);
		if (k > 0)
			buf_add(b, s, k);
		s += k;
		n -= k;
		if (n == 0)
			break;
		k = text_decode(s, n, &c);
		text_clean(b, s, k, flags);
		s += k;
		n -= k;
	}
}

/* FNV-1a, for the table of links. */
static uint64_t
hash(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

static const char *
attr_get(const xmlChar **atts, const char *name)
{
	for (; atts != NULL && atts[0] != NULL; atts += 2) {
		if (strcmp((const char *)atts[0], name) == 0)
			return atts[1] != NULL ? (const char *)atts[1] : "";
	}
	return NULL;
}

static int
is_absolute(const char *s)
{
	const char	*p = s;

	while ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
		p++;
	if (p == s)
		return 0;
	while ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
	    *p == '.' || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
		p++;
	return *p == ':';
}

static int
is_openable(const char *s)
{
	return strncasecmp(s, "http:", 5) == 0 ||
	    strncasecmp(s, "https:", 6) == 0 || strncasecmp(s, "file:", 5) == 0;
}

/*
 * The number of a link, given the first time it is seen: the href loses
 * tabs and newlines (as browsers do), is sanitised and made absolute.
 */
static uint32_t
link_add(struct parser *p, const char *href)
{
	struct html_doc	*d = p->doc;
	xmlChar		*u;
	uint32_t	 e;
	size_t		 i, h;

	buf_reset(&p->in);
	for (; *href != '\0'; href++) {
		if (*href != '\t' && *href != '\n' && *href != '\r')
			buf_addc(&p->in, *href);
	}
	buf_reset(&p->tmp);
	text_clean(&p->tmp, buf_str(&p->in), p->in.len,
	    TEXT_ONELINE | TEXT_DISPLAY);
	if (p->base != NULL && !is_absolute(buf_str(&p->tmp))) {
		u = xmlBuildURI((const xmlChar *)buf_str(&p->tmp),
		    (const xmlChar *)p->base);
		if (u != NULL) {
			buf_reset(&p->tmp);
			text_clean(&p->tmp, (const char *)u, strlen((char *)u),
			    TEXT_ONELINE | TEXT_DISPLAY);
			xmlFree(u);
		}
	}
	if (p->tmp.len == 0)
		return 0;
	if (2 * (d->nlinks + 1) > p->lhashcap) {
		free(p->lhash);
		p->lhashcap = p->lhashcap == 0 ? 64 : p->lhashcap * 2;
		p->lhash = xcalloc(p->lhashcap, sizeof *p->lhash);
		for (i = 0; i < d->nlinks; i++) {
			h = hash(d->links[i]) & (p->lhashcap - 1);
			while (p->lhash[h] != 0)
				h = (h + 1) & (p->lhashcap - 1);
			p->lhash[h] = (uint32_t)i + 1;
		}
	}
	h = hash(buf_str(&p->tmp)) & (p->lhashcap - 1);
	for (; (e = p->lhash[h]) != 0; h = (h + 1) & (p->lhashcap - 1)) {
		if (strcmp(d->links[e - 1], buf_str(&p->tmp)) == 0)
			return e;
	}
	ARRAY_RESERVE(d->links, d->nlinks, d->linkscap);
	d->links[d->nlinks++] = xstrdup(buf_str(&p->tmp));
	p->lhash[h] = (uint32_t)d->nlinks;
	return (uint32_t)d->nlinks;
}

/* Images show as their alternative text; tracking pixels not at all. */
static void
on_image(struct parser *p, const xmlChar **atts)
{
	const char	*alt, *w, *h;
	char		*s;

	w = attr_get(atts, "width");
	h = attr_get(atts, "height");
	if ((w != NULL && *w >= '0' && *w <= '9' && strtol(w, NULL, 10) <= 1) ||
	    (h != NULL && *h >= '0' && *h <= '9' && strtol(h, NULL, 10) <= 1))
		return;
	alt = attr_get(atts, "alt");
	buf_reset(&p->tmp);
	if (alt != NULL)
		text_clean(&p->tmp, alt, strlen(alt),
		    TEXT_ONELINE | TEXT_DISPLAY);
	if (p->tmp.len > 0)
		s = xasprintf(_("[image: %s]"), buf_str(&p->tmp));
	else
		s = xstrdup(_("[image]"));
	p->pre_start = 0;
	html_block_begin_text(p, p->pre == 0 || p->cells > 0);
	html_block_put_text(p, s, strlen(s), p->attr);
	free(s);
}

static void
pstack_push(struct parser *p, const struct frame *f)
{
	ARRAY_RESERVE(p->pstack, p->npstack, p->pstackcap);
	p->pstack[p->npstack++] = (size_t)(f - p->frames);
}

static struct frame *
pstack_top(struct parser *p, enum kind kind)
{
	struct frame	*f;

	if (p->npstack == 0)
		return NULL;
	f = &p->frames[p->pstack[p->npstack - 1]];
	return html_tags[f->tag].kind == kind ? f : NULL;
}

/* A list item takes its number from its ordered list. */
static void
list_item(struct parser *p, struct frame *f, const xmlChar **atts)
{
	struct frame	*list = pstack_top(p, K_LIST);
	const char	*v;
	long		 n;

	f->indent = (uint8_t)(p->lists > 0 ? (p->lists - 1) % 3 : 0);
	if (list == NULL || !list->ordered)
		return;
	v = attr_get(atts, "value");
	n = v != NULL ? strtol(v, NULL, 10) : list->num;
	if (n < -99999 || n > 999999)
		n = 1;
	f->num = (int)n;
	f->ordered = 1;
	list->num = f->num + 1;
}

/* What an element does as it opens; f is its new frame. */
static void
on_open(struct parser *p, struct frame *f, const xmlChar **atts)
{
	const struct tag *t = &html_tags[f->tag];
	const char	*v;

	switch (t->kind) {
	case K_SKIP:
		p->skip++;
		return;
	case K_A:
		v = attr_get(atts, "href");
		f->link = v != NULL ? link_add(p, v) : 0;
		f->num = (int)p->doc->nblocks;
		if (f->link != 0)
			p->attr |= HTML_LINK;
		return;
	case K_CELL:
		if (p->cur.len > 0)
			p->sep = 1;
		p->cells++;
		break;
	case K_LIST:
		html_block_break(p, p->lists == 0);
		f->ordered = t->name[0] == 'o';
		v = attr_get(atts, "start");
		f->num = v != NULL ? (int)strtol(v, NULL, 10) : 1;
		if (f->num < -99999 || f->num > 999999)
			f->num = 1;
		f->indent = pstack_top(p, K_LI) != NULL ? 0 : 2;
		p->lists++;
		pstack_push(p, f);
		break;
	case K_LI:
		html_block_break(p, 0);
		list_item(p, f, atts);
		pstack_push(p, f);
		break;
	case K_DD:
	case K_QUOTE:
		html_block_break(p, t->kind == K_QUOTE);
		pstack_push(p, f);
		break;
	case K_PRE:
		html_block_break(p, 1);
		p->pre++;
		p->pre_start = 1;
		break;
	case K_HEADING:
	case K_PARA:
	case K_TABLE:
		html_block_break(p, 1);
		break;
	case K_BLOCK:
	case K_DT:
	case K_TR:
		html_block_break(p, 0);
		break;
	default:
		break;
	}
	p->attr |= t->attr;
}

/* What an element does as it closes, before its frame goes. */
static void
on_close(struct parser *p, struct frame *f)
{
	switch (html_tags[f->tag].kind) {
	case K_SKIP:
		p->skip--;
		break;
	case K_A:
		if (f->link != 0)
			html_block_link_marker(p, f);
		break;
	case K_CELL:
		p->cells--;
		html_block_soft_space(p);
		break;
	case K_LIST:
		html_block_break(p, p->lists == 1);
		p->lists--;
		p->npstack--;
		break;
	case K_LI:
	case K_DD:
	case K_QUOTE:
		html_block_break(p, html_tags[f->tag].kind == K_QUOTE);
		p->npstack--;
		break;
	case K_PRE:
		html_block_break(p, 1);
		p->pre--;
		break;
	case K_HEADING:
	case K_PARA:
	case K_TABLE:
		html_block_break(p, 1);
		break;
	case K_BLOCK:
	case K_DT:
	case K_TR:
		html_block_break(p, 0);
		break;
	default:
		break;
	}
	p->attr = f->attr;
}

/* An element starts: only the known ones matter, and nothing skipped. */
static void
sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct parser	*p = ctx;
	struct frame	*f;
	int		 t;

	t = tag_lookup(p, name);
	if (t < 0 || (p->skip > 0 && html_tags[t].kind != K_SKIP))
		return;
	switch (html_tags[t].kind) {
	case K_BR:
		html_block_line_break(p);
		return;
	case K_HR:
		html_block_rule(p);
		return;
	case K_IMG:
		on_image(p, atts);
		return;
	default:
		break;
	}
	ARRAY_RESERVE(p->frames, p->nframes, p->framescap);
	f = &p->frames[p->nframes++];
	memset(f, 0, sizeof *f);
	f->tag = (uint16_t)t;
	f->attr = p->attr;
	on_open(p, f, atts);
}

/* Close the element and any left open inside it (libxml2 balances most). */
static void
sax_end(void *ctx, const xmlChar *name)
{
	struct parser	*p = ctx;
	size_t		 i;
	int		 t;

	t = tag_lookup(p, name);
	if (t < 0)
		return;
	for (i = p->nframes; i > 0; i--) {
		if (p->frames[i - 1].tag == t)
			break;
		if (p->nframes - i >= HTML_SEARCH)
			return;
	}
	if (i == 0)
		return;
	while (p->nframes >= i) {
		on_close(p, &p->frames[p->nframes - 1]);
		p->nframes--;
	}
}

/* Text (and script or style content, dropped by skip), cleaned first. */
static void
sax_text(void *ctx, const xmlChar *ch, int len)
{
	struct parser	*p = ctx;
	const char	*s = (const char *)ch;
	size_t		 n = (size_t)len;

	if (p->skip > 0 || len <= 0)
		return;
	if (text_span(s, n, TEXT_DISPLAY) != n) {
		buf_reset(&p->tmp);
		clean_append(&p->tmp, s, n, TEXT_DISPLAY);
		s = buf_str(&p->tmp);
		n = p->tmp.len;
	}
	if (p->pre > 0 && p->cells == 0)
		html_block_add_pre(p, s, n);
	else
		html_block_add_flow(p, s, n);
}

static void
sax_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/*
 * Where the chunk from i ends: just before a '<' if there is one, since
 * libxml2 2.9 loses a </script> split between two pushes, and never in
 * the middle of a UTF-8 sequence.
 */
static size_t
chunk_end(const char *s, size_t len, size_t i)
{
	const char	*lt;
	size_t		 e;

	if (len - i <= HTML_CHUNK)
		return len;
	e = i + HTML_CHUNK;
	lt = memrchr(s + i + 1, '<', e - i - 1);
	if (lt != NULL)
		return (size_t)(lt - s);
	while (e > i + 1 && ((unsigned char)s[e] & 0xc0) == 0x80)
		e--;
	return e;
}

/* Start the push parser; chunks follow as layout asks for them. */
static void
parse_html_begin(struct parser *p)
{
	htmlParserCtxtPtr	 ctxt;
	xmlSAXHandler		 sax;

	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElement = sax_start;
	sax.endElement = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.serror = sax_error;
	ctxt = htmlCreatePushParserCtxt(&sax, p, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
		fatalx("cannot create an HTML parser");
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
	p->ctxt = ctxt;
}

/* Push the next chunk (valid UTF-8 only) to the parser. */
static void
parse_html_chunk(struct parser *p, const char *s, size_t len, size_t i,
    size_t j)
{
	htmlParserCtxtPtr	 ctxt = p->ctxt;

	(void)len;
	if (text_span(s + i, j - i, 0) == j - i)
		htmlParseChunk(ctxt, s + i, (int)(j - i), 0);
	else {
		buf_reset(&p->in);
		clean_append(&p->in, s + i, j - i, 0);
		htmlParseChunk(ctxt, buf_str(&p->in), (int)p->in.len, 0);
	}
}

/* Plain text keeps its lines; blank lines separate paragraphs. */
static void
parse_plain(struct parser *p, const char *s, size_t len)
{
	const char	*t, *end, *nl;
	size_t		 n;

	buf_reset(&p->in);
	clean_append(&p->in, s, len, TEXT_DISPLAY);
	t = buf_str(&p->in);
	for (end = t + p->in.len; t < end; t = nl + 1) {
		nl = memchr(t, '\n', (size_t)(end - t));
		if (nl == NULL)
			nl = end;
		n = (size_t)(nl - t);
		while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			n--;
		if (n == 0) {
			html_block_flush(p);
			p->blank = 1;
			continue;
		}
		if (p->cur.len > 0)
			html_block_put_text(p, "\n", 1, 0);
		p->pre_col = 0;
		html_block_add_pre(p, t, n);
	}
	html_block_flush(p);
}

/* The numbered list of links after the text. */
static void
links_section(struct parser *p)
{
	struct html_doc	*d = p->doc;
	const char	*s, *title = _("Links:"), *odd = _("(not opened)");
	const char	*ell = text_is_utf8() ? "\xe2\x80\xa6" : "...";
	size_t		 i, n, max;

	if (d->nlinks == 0)
		return;
	html_block_flush(p);
	p->npstack = 0;
	p->pre = p->cells = 0;
	p->blank = 1;
	html_block_put_text(p, title, strlen(title), HTML_HEADING);
	html_block_flush(p);
	for (i = 0; i < d->nlinks; i++) {
		s = d->links[i];
		max = is_openable(s) ? HTML_SHOW_MAX : HTML_SHOW_ODD;
		n = strlen(s);
		if (n > max) {
			n = max;
			while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
				n--;	/* cut before a whole character */
		}
		html_block_put_text(p, s, n, HTML_LINK);
		if (s[n] != '\0')
			html_block_put_text(p, ell, strlen(ell), HTML_LINK);
		if (!is_openable(s)) {
			html_block_put_text(p, " ", 1, 0);
			html_block_put_text(p, odd, strlen(odd), 0);
		}
		p->linkno = i + 1;
		html_block_flush(p);
	}
	p->linkno = 0;
}

static void
parser_free(struct parser *p)
{
	if (p->ctxt != NULL)
		htmlFreeParserCtxt(p->ctxt);
	free(p->frames);
	free(p->pstack);
	free(p->runs);
	free(p->lhash);
	buf_free(&p->cur);
	buf_free(&p->tmp);
	buf_free(&p->in);
	buf_free(&p->pf);
	buf_free(&p->pc);
	buf_free(&p->basebuf);
	free(p);
}

/*
 * Parse the next chunk of the document; at its end, finish: the parser
 * closes what is open and the list of links is added.  Returns 1 if
 * there is more to parse, 0 once the document is complete.
 */
int
html_parse_more(struct html_doc *d)
{
	struct parser	*p = d->parser;
	size_t		 j;

	if (p == NULL)
		return 0;
	if (d->srcpos < d->srclen) {
		j = chunk_end(d->src, d->srclen, d->srcpos);
		parse_html_chunk(p, d->src, d->srclen, d->srcpos, j);
		d->srcpos = j;
		if (d->srcpos < d->srclen)
			return 1;
	}
	if (p->ctxt != NULL) {
		htmlParseChunk(p->ctxt, NULL, 0, 1);
		htmlFreeParserCtxt(p->ctxt);
		p->ctxt = NULL;
	}
	html_block_flush(p);
	links_section(p);
	parser_free(p);
	d->parser = NULL;
	free(d->src);
	d->src = NULL;
	return 0;
}

/*
 * Parse an article body, HTML or plain text, into blocks.  Relative links
 * are resolved against base (may be NULL).  Only the first chunk is read
 * now: layout reads on as it needs lines, so that the first screen of a
 * long article shows at once.
 */
struct html_doc *
html_parse(const char *s, size_t len, int is_html, const char *base)
{
	struct html_doc	*d;
	struct parser	*p;

	d = xcalloc(1, sizeof *d);
	buf_init(&d->text, BUF_UNLIMITED);
	buf_init(&d->lbuf, BUF_UNLIMITED);
	buf_init(&d->fold, BUF_UNLIMITED);
	p = d->parser = xcalloc(1, sizeof *p);
	p->doc = d;
	buf_init(&p->cur, BUF_UNLIMITED);
	buf_init(&p->tmp, BUF_UNLIMITED);
	buf_init(&p->in, BUF_UNLIMITED);
	buf_init(&p->pf, BUF_UNLIMITED);
	buf_init(&p->pc, BUF_UNLIMITED);
	buf_init(&p->basebuf, BUF_UNLIMITED);
	if (base != NULL)
		text_clean(&p->basebuf, base, strlen(base),
		    TEXT_ONELINE | TEXT_DISPLAY);
	p->base = p->basebuf.len > 0 ? buf_str(&p->basebuf) : NULL;
	if (s == NULL)
		len = 0;
	if (len > HTML_INPUT_MAX)
		len = HTML_INPUT_MAX;
	if (!is_html) {
		parse_plain(p, s, len);
		html_parse_more(d);	/* nothing left: finish */
		return d;
	}
	d->src = xstrndup(s, len);
	d->srclen = len;
	parse_html_begin(p);
	html_parse_more(d);
	return d;
}

/* The links are known once the whole document is parsed. */
static void
parse_all(const struct html_doc *cd)
{
	struct html_doc	*d = (struct html_doc *)(uintptr_t)cd;

	while (html_parse_more(d))
		;
}

size_t
html_nlinks(const struct html_doc *d)
{
	parse_all(d);
	return d->nlinks;
}

/* The address of link n as numbered in the text (from 1), or NULL. */
const char *
html_link(const struct html_doc *d, size_t n)
{
	parse_all(d);
	return n >= 1 && n <= d->nlinks ? d->links[n - 1] : NULL;
}

void
html_free(struct html_doc *d)
{
	struct chunk	*c;
	size_t		 i;

	if (d == NULL)
		return;
	if (d->parser != NULL)
		parser_free(d->parser);
	free(d->src);
	for (i = 0; i < d->nlinks; i++)
		free(d->links[i]);
	for (i = 0; i < d->npats; i++)
		free(d->pats[i].s);
	while ((c = d->arena) != NULL) {
		d->arena = c->next;
		free(c);
	}
	buf_free(&d->text);
	buf_free(&d->lbuf);
	buf_free(&d->fold);
	free(d->blocks);
	free(d->runs);
	free(d->links);
	free(d->pats);
	free(d->lines);
	free(d->lruns);
	free(d->map);
	free(d->marks);
	free(d);
}
