/*
 * Reading fields of a feed: attribute values, links resolved against
 * xml:base, clean one-line text, Atom text constructs, HTML copied from
 * xhtml content, enclosures and categories.  The element table and the
 * SAX callbacks that decide what to read are in parse.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "parse-int.h"
#include "swar.h"
#include "text.h"
#include "xmalloc.h"

static int	 is_void_element(const char *);

/* HTML elements that have no end tag. */
static const char *const void_elements[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr", NULL
};

/*
 * Copy an attribute value.  Without entity substitution libxml2 hands
 * back "&" (from &amp;) as "&#38;", so that it cannot be mistaken for a
 * reference; here it becomes "&" again.
 */
static void
attr_value(struct buf *b, const char *v, size_t len)
{
	const char	*amp;
	size_t		 n;

	while ((amp = memchr(v, '&', len)) != NULL) {
		n = (size_t)(amp - v);
		buf_add(b, v, n);
		buf_addc(b, '&');
		n += len - n >= 5 && memcmp(amp, "&#38;", 5) == 0 ? 5 : 1;
		v += n;
		len -= n;
	}
	buf_add(b, v, len);
}

/*
 * An attribute's value (copied into b, which is reset first), or NULL.
 * libxml2 gives attributes as five pointers: local name, prefix, URI,
 * value and end of value.
 */
const char *
parse_attr(struct buf *b, const xmlChar **attrs, int n, const char *name,
    const char *uri)
{
	int	 i;

	for (i = 0; i < n; i++) {
		const xmlChar	**a = attrs + i * 5;

		if (strcmp((const char *)a[0], name) != 0)
			continue;
		if ((uri == NULL) != (a[2] == NULL))
			continue;
		if (uri != NULL && strcmp((const char *)a[2], uri) != 0)
			continue;
		buf_reset(b);
		attr_value(b, (const char *)a[3], (size_t)(a[4] - a[3]));
		return buf_str(b);
	}
	return NULL;
}


/* Is s an absolute URI (a scheme followed by ':')? */
static int
is_absolute(const char *s)
{
	const char	*p = s;

	if (!((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
		return 0;
	while ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
		p++;
	while ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
	    *p == '.' || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
		p++;
	return *p == ':';
}

/* Resolve a (trimmed) reference against the base in effect. */
char *
parse_resolve(const char *ref, const char *base)
{
	xmlChar	*u;
	char	*s;

	if (*ref == '\0' || is_absolute(ref) || base == NULL)
		return xstrdup(ref);
	u = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	if (u == NULL)
		return xstrdup(ref);
	s = xstrdup((const char *)u);
	xmlFree(u);
	return s;
}

const char *
parse_base(struct parser *p)
{
	return p->depth > 0 ? p->stack[p->depth - 1].base : NULL;
}

/* Clean s into one trimmed line without controls, in place in b. */
void
parse_clean(struct buf *b, const char *s, size_t len, int flags)
{
	struct buf	 t;

	if (!text_needs_clean(s, len, flags)) {
		if (s != b->data) {
			buf_reset(b);
			buf_add(b, s, len);
		}
		return;
	}
	buf_init(&t, BUF_UNLIMITED);
	text_clean(&t, s, len, flags);
	buf_free(b);
	*b = t;
	if (b->data == NULL)
		buf_add(b, "", 0);
}

/* Does the tag at s (after '<') break a line, so that it ends a word? */
static int
block_tag(const char *s)
{
	static const char *const blocks[] = {
		"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4",
		"h5", "h6", "tr", "td", "th", "table", "blockquote", "pre",
		"hr", "dt", "dd", "dl", NULL
	};
	size_t	 i, n;

	if (*s == '/')
		s++;
	for (n = 0; (s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z'; n++)
		;
	if (n == 2 && (s[0] | 0x20) == 'h' && s[1] >= '1' && s[1] <= '6')
		return 1;
	for (i = 0; blocks[i] != NULL; i++) {
		if (strlen(blocks[i]) == n && strncasecmp(blocks[i], s, n) == 0)
			return 1;
	}
	return 0;
}

/*
 * Plain text from a little HTML (an Atom title of type html): block tags
 * become spaces, inline ones vanish, character references are decoded.
 */
static void
strip_tags(struct buf *b)
{
	const htmlEntityDesc	*e;
	struct buf		 t;
	const char		*s = buf_str(b), *end;
	char			 name[40], enc[4];
	long			 v;

	buf_init(&t, BUF_UNLIMITED);
	while (*s != '\0') {
		if (*s == '<' && (end = strchr(s, '>')) != NULL) {
			if (block_tag(s + 1))
				buf_addc(&t, ' ');
			s = end + 1;
			continue;
		}
		if (*s != '&' || (end = strchr(s, ';')) == NULL ||
		    end - s > (long)sizeof name - 1 || end - s < 2) {
			buf_addc(&t, *s++);
			continue;
		}
		memcpy(name, s + 1, (size_t)(end - s - 1));
		name[end - s - 1] = '\0';
		if (name[0] == '#')
			v = name[1] == 'x' || name[1] == 'X' ?
			    strtol(name + 2, NULL, 16) : strtol(name + 1, NULL, 10);
		else {
			e = htmlEntityLookup((const xmlChar *)name);
			v = e != NULL ? (long)e->value : -1;
		}
		if (v <= 0 || v > 0x10ffff) {
			buf_addc(&t, *s++);
			continue;
		}
		buf_add(&t, enc, text_encode((uint32_t)v, enc));
		s = end + 1;
	}
	buf_free(b);
	*b = t;
}

/* Keep the value just read if it beats what the field has. */
static void
field_store(struct parser *p, struct draft *d, enum field f, int prio)
{
	struct buf	*v = &d->val[f];
	struct buf	 tmp;
	time_t		 t;
	size_t		 i;
	char		*s;

	switch (f) {
	case F_PUBLISHED:
	case F_UPDATED:
		parse_clean(&p->text, buf_str(&p->text), p->text.len,
		    TEXT_ONELINE);
		if (date_parse(buf_str(&p->text), &t) != 0)
			return;		/* a lower priority date may do */
		d->date[f] = t;
		d->prio[f] = prio;
		return;
	case F_CATEGORY:
		parse_clean(&p->text, buf_str(&p->text), p->text.len,
		    TEXT_ONELINE);
		if (p->text.len == 0 || d->ncategories >= MAX_CATEGORIES)
			return;
		for (i = 0; i < d->ncategories; i++) {
			if (strcmp(d->categories[i], buf_str(&p->text)) == 0)
				return;	/* <category> and <dc:subject> */
		}
		ARRAY_RESERVE(d->categories, d->ncategories,
		    d->categoriescap);
		d->categories[d->ncategories++] = xstrdup(buf_str(&p->text));
		return;
	case F_SUMMARY:
	case F_CONTENT:
		if (p->cap_draft == &p->item) {
			/* Clean already: see parse-input.c. */
			d->html[f] = p->cap_mode != M_TEXT;
			break;
		}
		/* Feed descriptions are one line. */
		/* FALLTHROUGH */
	default:
		if (p->cap_mode != M_TEXT)
			strip_tags(&p->text);	/* titles, feed descriptions */
		parse_clean(&p->text, buf_str(&p->text), p->text.len,
		    TEXT_ONELINE);
		if (p->text.len == 0)
			return;
		if (f == F_LINK) {
			s = parse_resolve(buf_str(&p->text), parse_base(p));
			buf_reset(&p->text);
			buf_addstr(&p->text, s);
			free(s);
		}
		break;
	}
	tmp = *v;
	*v = p->text;
	p->text = tmp;
	buf_reset(&p->text);
	d->prio[f] = prio;
}

/* Escape plain text into HTML, so that summary and content share a type. */
void
parse_text_to_html(struct buf *b)
{
	struct buf	 t;
	const char	*s;

	buf_init(&t, BUF_UNLIMITED);
	for (s = buf_str(b); *s != '\0'; s++) {
		if (*s == '&')
			buf_addstr(&t, "&amp;");
		else if (*s == '<')
			buf_addstr(&t, "&lt;");
		else if (*s == '>')
			buf_addstr(&t, "&gt;");
		else if (*s == '\n')
			buf_addstr(&t, "<br>\n");
		else
			buf_addc(&t, *s);
	}
	buf_free(b);
	*b = t;
}

/* Copy text into an HTML field being read, escaped for HTML. */
void
parse_add_escaped(struct buf *b, const char *s, size_t len, int attribute)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, span = 0;

	for (;;) {
		i += scan_bytes(u + i, len - i, '&', '<', attribute ? '"' : '>',
		    0);
		if (i >= len)
			break;
		buf_add(b, s + span, i - span);
		switch (s[i]) {
		case '&':
			buf_add(b, "&amp;", 5);
			break;
		case '<':
			buf_add(b, "&lt;", 4);
			break;
		case '>':
			buf_add(b, "&gt;", 4);
			break;
		default:
			buf_add(b, "&quot;", 6);
			break;
		}
		span = ++i;
	}
	buf_add(b, s + span, len - span);
}

static int
is_void_element(const char *name)
{
	size_t	 i;

	for (i = 0; void_elements[i] != NULL; i++) {
		if (strcmp(void_elements[i], name) == 0)
			return 1;
	}
	return 0;
}

/*
 * An element inside an HTML field: markup in Atom xhtml content, or raw
 * HTML that a feed forgot to escape.  It is copied as HTML text.
 */
void
parse_copy_start(struct parser *p, struct frame *fr, const xmlChar *local,
    const xmlChar *prefix, const xmlChar *uri, int nattrs,
    const xmlChar **attrs)
{
	struct buf	*b = &p->text;
	int		 i;

	if (p->cap_mode == M_TEXT)
		return;
	if (p->cap_mode == M_XHTML && !p->cap_skipped &&
	    p->depth == p->cap_depth + 1 && parse_ns(p, uri) == NS_XHTML &&
	    strcmp((const char *)local, "div") == 0) {
		p->cap_skipped = 1;	/* the div that wraps xhtml content */
		fr->flags |= FR_SKIP;
		return;
	}
	buf_addc(b, '<');
	if (prefix != NULL && parse_ns(p, uri) != NS_XHTML) {
		buf_addstr(b, (const char *)prefix);
		buf_addc(b, ':');
	}
	buf_addstr(b, (const char *)local);
	for (i = 0; i < nattrs; i++) {
		const xmlChar	**a = attrs + i * 5;

		buf_addc(b, ' ');
		buf_addstr(b, (const char *)a[0]);
		buf_addstr(b, "=\"");
		buf_reset(&p->scratch[3]);
		attr_value(&p->scratch[3], (const char *)a[3],
		    (size_t)(a[4] - a[3]));
		parse_add_escaped(b, buf_str(&p->scratch[3]), p->scratch[3].len, 1);
		buf_addc(b, '"');
	}
	buf_addc(b, '>');
	if (is_void_element((const char *)local))
		fr->flags |= FR_VOID;
}

void
parse_copy_end(struct parser *p, struct frame *fr, const xmlChar *local,
    const xmlChar *prefix, const xmlChar *uri)
{
	struct buf	*b = &p->text;

	if (p->cap_mode == M_TEXT || (fr->flags & (FR_VOID | FR_SKIP)))
		return;
	buf_addstr(b, "</");
	if (prefix != NULL && parse_ns(p, uri) != NS_XHTML) {
		buf_addstr(b, (const char *)prefix);
		buf_addc(b, ':');
	}
	buf_addstr(b, (const char *)local);
	buf_addc(b, '>');
}

/* How an Atom text construct is written: text, escaped HTML or XHTML. */
static int
construct_mode(struct buf *tmp, int nattrs, const xmlChar **attrs)
{
	const char	*type, *mode;

	type = parse_attr(tmp, attrs, nattrs, "type", NULL);
	if (type == NULL || strcmp(type, "text") == 0 ||
	    strcmp(type, "text/plain") == 0)
		return M_TEXT;
	if (strcmp(type, "xhtml") == 0 ||
	    strcmp(type, "application/xhtml+xml") == 0)
		return M_XHTML;
	if (strstr(type, "html") == NULL)
		return M_TEXT;
	mode = parse_attr(tmp, attrs, nattrs, "mode", NULL);	/* Atom 0.3 */
	if (mode != NULL && strcmp(mode, "xml") == 0)
		return M_XHTML;
	if (mode != NULL && strcmp(mode, "base64") == 0)
		return -1;
	return M_HTML;
}

/* Start reading an element's text if it can improve its field. */
int
parse_capture_begin(struct parser *p, const struct element *e, struct draft *d,
    int nattrs, const xmlChar **attrs)
{
	struct buf	*tmp = &p->scratch[0];
	const char	*v;
	int		 mode = M_TEXT;

	if (e->field != F_CATEGORY && d->prio[e->field] >= e->prio)
		return 0;
	if (e->kind == K_HTML)
		mode = M_HTML;
	else if (e->kind == K_CONSTRUCT) {
		mode = construct_mode(tmp, nattrs, attrs);
		if (parse_attr(tmp, attrs, nattrs, "src", NULL) != NULL)
			mode = -1;	/* content kept elsewhere */
	}
	p->cap_permalink = 0;
	if (e->kind == K_GUID) {
		v = parse_attr(tmp, attrs, nattrs, "isPermaLink", NULL);
		p->cap_permalink = v == NULL || strcmp(v, "false") != 0;
	}
	if (mode < 0)
		return 0;
	p->cap_field = e->field;
	p->cap_prio = e->prio;
	p->cap_mode = mode;
	p->cap_depth = p->depth;
	p->cap_draft = d;
	p->cap_skipped = 0;
	buf_reset(&p->text);
	return 1;
}

/* The end of the element being read. */
void
parse_capture_end(struct parser *p)
{
	struct draft	*d = p->cap_draft;

	field_store(p, d, p->cap_field, p->cap_prio);
	if (p->cap_field == F_ID && p->cap_permalink && d->prio[F_LINK] < 1 &&
	    d->val[F_ID].len > 0) {
		char	*s = parse_resolve(buf_str(&d->val[F_ID]), parse_base(p));

		buf_reset(&d->val[F_LINK]);
		buf_addstr(&d->val[F_LINK], s);
		d->prio[F_LINK] = 1;
		free(s);
	}
	p->cap_depth = 0;
}

static void
add_enclosure(struct draft *d, const char *url, const char *type,
    const char *length, const char *base)
{
	struct buf	 u;
	size_t		 i;
	char		*abs;

	buf_init(&u, BUF_UNLIMITED);
	parse_clean(&u, url, strlen(url), TEXT_ONELINE);
	if (u.len == 0 || d->nenclosures >= MAX_ENCLOSURES) {
		buf_free(&u);
		return;
	}
	abs = parse_resolve(buf_str(&u), base);
	buf_free(&u);
	for (i = 0; i < d->nenclosures; i++) {
		if (strcmp(d->enclosures[i].url, abs) == 0) {
			free(abs);	/* media:content beside <enclosure> */
			return;
		}
	}
	ARRAY_RESERVE(d->enclosures, d->nenclosures, d->enclosurescap);
	d->enclosures[d->nenclosures].url = abs;
	d->enclosures[d->nenclosures].type = type != NULL && *type != '\0' ?
	    xstrdup(type) : NULL;
	d->enclosures[d->nenclosures].length = -1;
	if (length != NULL && *length >= '0' && *length <= '9' &&
	    strlen(length) < 19)
		d->enclosures[d->nenclosures].length = strtoll(length, NULL, 10);
	d->nenclosures++;
}

/* Atom <link>: the alternate link, or an enclosure. */
static void
atom_link(struct parser *p, struct draft *d, int nattrs,
    const xmlChar **attrs)
{
	struct buf	*h = &p->scratch[0];
	const char	*href, *rel, *type;
	int		 prio;
	char		*abs;

	href = parse_attr(h, attrs, nattrs, "href", NULL);
	rel = parse_attr(&p->scratch[1], attrs, nattrs, "rel", NULL);
	type = parse_attr(&p->scratch[2], attrs, nattrs, "type", NULL);
	if (href == NULL)
		return;
	if (rel != NULL && strcmp(rel, "enclosure") == 0) {
		if (d == &p->item)
			add_enclosure(d, href, type, parse_attr(&p->scratch[3], attrs,
			    nattrs, "length", NULL), parse_base(p));
		return;
	}
	if (rel != NULL && strcmp(rel, "alternate") != 0)
		return;
	prio = type == NULL || strstr(type, "html") != NULL ? 3 : 2;
	if (d->prio[F_LINK] >= prio)
		return;
	parse_clean(h, href, strlen(href), TEXT_ONELINE);
	if (h->len == 0)
		return;
	abs = parse_resolve(buf_str(h), parse_base(p));
	buf_reset(&d->val[F_LINK]);
	buf_addstr(&d->val[F_LINK], abs);
	d->prio[F_LINK] = prio;
	free(abs);
}

/* Elements described by their attributes: enclosures, categories, links. */
void
parse_attribute_element(struct parser *p, const struct element *e, struct draft *d,
    int nattrs, const xmlChar **attrs)
{
	const char	*v;

	if (e->kind == K_ATOMLINK) {
		atom_link(p, d, nattrs, attrs);
		return;
	}
	if (e->kind == K_ENCLOSURE || e->kind == K_MEDIA) {
		v = parse_attr(&p->scratch[0], attrs, nattrs, "url", NULL);
		if (v != NULL)
			add_enclosure(d, v, parse_attr(&p->scratch[1], attrs, nattrs,
			    "type", NULL), parse_attr(&p->scratch[2], attrs, nattrs,
			    e->kind == K_MEDIA ? "fileSize" : "length", NULL),
			    parse_base(p));
	} else if (e->kind == K_ATOMCATEGORY) {
		v = parse_attr(&p->scratch[0], attrs, nattrs, "term", NULL);
		if (v != NULL) {
			buf_reset(&p->text);
			buf_addstr(&p->text, v);
			p->cap_mode = M_TEXT;
			field_store(p, d, F_CATEGORY, 0);
		}
	}
}
