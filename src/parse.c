/*
 * RSS and Atom through libxml2's SAX2 push parser.
 *
 * Specifications followed:
 *   RSS 0.91     https://www.rssboard.org/rss-0-9-1-netscape
 *   RSS 0.92     https://www.rssboard.org/rss-0-9-2
 *   RSS 1.0      https://web.resource.org/rss/1.0/spec
 *   RSS 2.0      https://www.rssboard.org/rss-specification
 *   Atom 1.0     RFC 4287
 *   Atom 0.3     https://www.ietf.org/archive/id/draft-ietf-atompub-format-03.txt
 *   Modules      content, Dublin Core (dc, dcterms), Media RSS
 *   XML Base     https://www.w3.org/TR/xmlbase/
 *
 * Bytes pass through parse-input.c first (encoding, lexical repair); the
 * SAX callbacks then map elements to fields with one table.  An element
 * whose field already holds a value of higher priority is skipped, so
 * content:encoded beats description whatever their order.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "i18n.h"
#include "log.h"
#include "parse-int.h"
#include "swar.h"
#include "text.h"
#include "xmalloc.h"

#define PUSH_MAX	(64u << 10)	/* bytes handed to libxml2 at once */

/* Every element ssnews reads; anything else is skipped with its subtree. */
static const struct element elements[] = {
	{ NS_RSS, "channel", CTX_ROOT, K_CHANNEL, F_MAX, 0 },
	{ NS_RSS, "item", CTX_ROOT | CTX_CHANNEL, K_ITEM, F_MAX, 0 },
	{ NS_RSS, "title", CTX_CHANNEL | CTX_ITEM, K_TEXT, F_TITLE, 3 },
	{ NS_RSS, "link", CTX_CHANNEL | CTX_ITEM, K_TEXT, F_LINK, 3 },
	{ NS_RSS, "description", CTX_CHANNEL, K_TEXT, F_SUMMARY, 3 },
	{ NS_RSS, "description", CTX_ITEM, K_HTML, F_SUMMARY, 3 },
	{ NS_RSS, "guid", CTX_ITEM, K_GUID, F_ID, 3 },
	{ NS_RSS, "pubDate", CTX_CHANNEL | CTX_ITEM, K_DATE, F_PUBLISHED, 3 },
	{ NS_RSS, "lastBuildDate", CTX_CHANNEL, K_DATE, F_UPDATED, 3 },
	{ NS_RSS, "author", CTX_ITEM, K_TEXT, F_AUTHOR, 2 },
	{ NS_RSS, "category", CTX_ITEM, K_TEXT, F_CATEGORY, 0 },
	{ NS_RSS, "enclosure", CTX_ITEM, K_ENCLOSURE, F_MAX, 0 },
	{ NS_RSS, "language", CTX_CHANNEL, K_TEXT, F_LANGUAGE, 3 },
	{ NS_DC, "creator", CTX_ITEM, K_TEXT, F_AUTHOR, 3 },
	{ NS_DC, "date", CTX_CHANNEL | CTX_ITEM, K_DATE, F_PUBLISHED, 2 },
	{ NS_DC, "subject", CTX_ITEM, K_TEXT, F_CATEGORY, 0 },
	{ NS_DC, "language", CTX_CHANNEL, K_TEXT, F_LANGUAGE, 2 },
	{ NS_DCTERMS, "modified", CTX_CHANNEL | CTX_ITEM, K_DATE, F_UPDATED,
	    2 },
	{ NS_DCTERMS, "issued", CTX_ITEM, K_DATE, F_PUBLISHED, 1 },
	{ NS_CONTENT, "encoded", CTX_ITEM, K_HTML, F_CONTENT, 3 },
	{ NS_MEDIA, "group", CTX_ITEM, K_GROUP, F_MAX, 0 },
	{ NS_MEDIA, "content", CTX_ITEM, K_MEDIA, F_MAX, 0 },
	{ NS_ATOM, "entry", CTX_CHANNEL, K_ITEM, F_MAX, 0 },
	{ NS_ATOM, "title", CTX_CHANNEL | CTX_ITEM, K_CONSTRUCT, F_TITLE, 3 },
	{ NS_ATOM, "subtitle", CTX_CHANNEL, K_CONSTRUCT, F_SUMMARY, 3 },
	{ NS_ATOM, "tagline", CTX_CHANNEL, K_CONSTRUCT, F_SUMMARY, 3 },
	{ NS_ATOM, "summary", CTX_ITEM, K_CONSTRUCT, F_SUMMARY, 3 },
	{ NS_ATOM, "content", CTX_ITEM, K_CONSTRUCT, F_CONTENT, 3 },
	{ NS_ATOM, "id", CTX_CHANNEL | CTX_ITEM, K_TEXT, F_ID, 3 },
	{ NS_ATOM, "link", CTX_CHANNEL | CTX_ITEM, K_ATOMLINK, F_LINK, 0 },
	{ NS_ATOM, "published", CTX_ITEM, K_DATE, F_PUBLISHED, 3 },
	{ NS_ATOM, "issued", CTX_ITEM, K_DATE, F_PUBLISHED, 3 },
	{ NS_ATOM, "created", CTX_ITEM, K_DATE, F_PUBLISHED, 1 },
	{ NS_ATOM, "updated", CTX_CHANNEL | CTX_ITEM, K_DATE, F_UPDATED, 3 },
	{ NS_ATOM, "modified", CTX_CHANNEL | CTX_ITEM, K_DATE, F_UPDATED, 3 },
	{ NS_ATOM, "author", CTX_CHANNEL | CTX_ITEM, K_AUTHOR, F_MAX, 0 },
	{ NS_ATOM, "name", CTX_AUTHOR, K_TEXT, F_AUTHOR, 3 },
	{ NS_ATOM, "email", CTX_AUTHOR, K_TEXT, F_AUTHOR, 1 },
	{ NS_ATOM, "category", CTX_ITEM, K_ATOMCATEGORY, F_MAX, 0 },
};

static void	parse_stop(struct parser *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	feed_finish(struct parser *);

/* Stop parsing with a message for this source; the first reason wins. */
static void
parse_stop(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;

	if (p->cause == NULL) {
		va_start(ap, fmt);
		p->cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	p->stopped = 1;
	xmlStopParser(p->ctxt);
}

static int
line(struct parser *p)
{
	return xmlSAX2GetLineNumber(p->ctxt);
}

static void
draft_init(struct draft *d)
{
	int	 i;

	memset(d, 0, sizeof *d);
	for (i = 0; i < F_MAX; i++) {
		buf_init(&d->val[i], BUF_UNLIMITED);
		d->prio[i] = -1;
		d->date[i] = DATE_NONE;
	}
}

static void
draft_reset(struct draft *d)
{
	size_t	 i;

	for (i = 0; i < F_MAX; i++) {
		buf_reset(&d->val[i]);
		d->prio[i] = -1;
		d->html[i] = 0;
		d->date[i] = DATE_NONE;
	}
	free(d->about);
	d->about = NULL;
	for (i = 0; i < d->ncategories; i++)
		free(d->categories[i]);
	d->ncategories = 0;
	for (i = 0; i < d->nenclosures; i++) {
		free((char *)d->enclosures[i].url);
		free((char *)d->enclosures[i].type);
	}
	d->nenclosures = 0;
}

static void
draft_free(struct draft *d)
{
	int	 i;

	draft_reset(d);
	for (i = 0; i < F_MAX; i++)
		buf_free(&d->val[i]);
	free(d->categories);
	free(d->enclosures);
}

/* Which family does a namespace URI belong to?  Cached by pointer. */
enum ns
parse_ns(struct parser *p, const xmlChar *uri)
{
	static const struct {
		const char	*uri;
		enum ns		 ns;
	} known[] = {
		{ "http://www.w3.org/2005/Atom", NS_ATOM },
		{ "http://purl.org/atom/ns#", NS_ATOM },
		{ "http://purl.org/rss/1.0/", NS_RSS },
		{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS },
		{ "http://backend.userland.com/rss2", NS_RSS },
		{ "http://blogs.law.harvard.edu/tech/rss", NS_RSS },
		{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
		{ "http://purl.org/dc/elements/1.1/", NS_DC },
		{ "http://purl.org/dc/terms/", NS_DCTERMS },
		{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
		{ "http://search.yahoo.com/mrss/", NS_MEDIA },
		{ "http://search.yahoo.com/mrss", NS_MEDIA },
		{ "http://www.w3.org/1999/xhtml", NS_XHTML },
		{ "http://www.w3.org/XML/1998/namespace", NS_XML },
	};
	enum ns		 ns = NS_OTHER;
	size_t		 i;

	if (uri == NULL)
		return p->feed->format == FORMAT_ATOM10 ||
		    p->feed->format == FORMAT_ATOM03 ? NS_ATOM : NS_RSS;
	for (i = 0; i < 8; i++) {
		if (p->ns_uri[i] == uri)
			return p->ns_id[i];
	}
	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (strcmp((const char *)uri, known[i].uri) == 0) {
			ns = known[i].ns;
			break;
		}
	}
	p->ns_uri[p->ns_next] = uri;
	p->ns_id[p->ns_next] = ns;
	p->ns_next = (p->ns_next + 1) % 8;
	return ns;
}

/*
 * The table entry for an element, or NULL.  Names come interned from
 * libxml2's dictionary, so a small cache keyed by pointer saves most
 * string comparisons.
 */
static const struct element *
element_find(struct parser *p, enum ns ns, const xmlChar *name,
    unsigned ctx)
{
	const struct element	*e = NULL;
	size_t			 i, slot;

	slot = (((uintptr_t)name >> 3) ^ ns ^ (ctx << 2)) & 63;
	if (p->ecache[slot].name == name && p->ecache[slot].ns == ns &&
	    p->ecache[slot].ctx == ctx)
		return p->ecache[slot].e;
	for (i = 0; i < sizeof elements / sizeof elements[0]; i++) {
		if (elements[i].ns == ns && (elements[i].where & ctx) &&
		    strcmp(elements[i].name, (const char *)name) == 0) {
			e = &elements[i];
			break;
		}
	}
	p->ecache[slot].name = name;
	p->ecache[slot].ns = ns;
	p->ecache[slot].ctx = ctx;
	p->ecache[slot].e = e;
	return e;
}

static struct frame *
frame_push(struct parser *p, int nattrs, const xmlChar **attrs)
{
	struct frame	*fr, *up;
	struct buf	*v = &p->scratch[0];
	const char	*s;

	if (p->depth >= p->stackcap) {
		p->stackcap = p->stackcap ? p->stackcap * 2 : 16;
		p->stack = xreallocarray(p->stack, p->stackcap,
		    sizeof *p->stack);
	}
	fr = &p->stack[p->depth++];
	up = p->depth > 1 ? fr - 1 : NULL;
	fr->ctx = CTX_IGNORE;
	fr->flags = 0;
	fr->base = up != NULL ? up->base : p->doc_base;
	fr->lang = up != NULL ? up->lang : NULL;
	if (nattrs == 0)
		return fr;
	s = parse_attr(v, attrs, nattrs, "base", XML_NS);
	if (s != NULL) {
		parse_clean(v, s, strlen(s), TEXT_ONELINE);
		fr->base = parse_resolve(buf_str(v), fr->base);
		fr->flags |= FR_OWN_BASE;
	}
	s = parse_attr(v, attrs, nattrs, "lang", XML_NS);
	if (s != NULL) {
		parse_clean(v, s, strlen(s), TEXT_ONELINE);
		fr->lang = xstrdup(buf_str(v));
		fr->flags |= FR_OWN_LANG;
	}
	return fr;
}

static void
frame_pop(struct parser *p)
{
	struct frame	*fr = &p->stack[--p->depth];

	if (fr->flags & FR_OWN_BASE)
		free(fr->base);
	if (fr->flags & FR_OWN_LANG)
		free(fr->lang);
}

/* The root element decides the dialect, or that this is no feed. */
static void
root_start(struct parser *p, struct frame *fr, const char *local,
    const xmlChar *uri, int nattrs, const xmlChar **attrs)
{
	const char	*version;

	p->saw_root = 1;
	if (fr->lang != NULL && *fr->lang != '\0')
		p->root_lang = xstrdup(fr->lang);
	if (strcmp(local, "rss") == 0) {
		version = parse_attr(&p->scratch[0], attrs, nattrs, "version", NULL);
		p->feed->format = version != NULL &&
		    strncmp(version, "0.9", 3) == 0 ? FORMAT_RSS09X :
		    FORMAT_RSS20;
		fr->ctx = CTX_ROOT;
	} else if (strcmp(local, "RDF") == 0 && uri != NULL &&
	    strcmp((const char *)uri, RDF_NS) == 0) {
		p->feed->format = FORMAT_RSS10;
		fr->ctx = CTX_ROOT;
	} else if (strcmp(local, "feed") == 0) {
		p->feed->format = uri != NULL && strcmp((const char *)uri,
		    "http://purl.org/atom/ns#") == 0 ? FORMAT_ATOM03 :
		    FORMAT_ATOM10;
		fr->ctx = CTX_CHANNEL;
	} else
		parse_stop(p, _("not a feed: the document is <%s>"), local);
}

static void
item_begin(struct parser *p, struct frame *fr, int nattrs,
    const xmlChar **attrs)
{
	struct buf	*v = &p->scratch[0];
	const char	*about;

	if (p->in_item)
		return;		/* an item inside an item: skipped */
	if (p->nitems >= p->lim.max_items) {
		parse_stop(p, _("more than %zu items (line %d)"),
		    p->lim.max_items, line(p));
		return;
	}
	p->in_item = 1;
	draft_reset(&p->item);
	fr->ctx = CTX_ITEM;
	fr->flags |= FR_ITEM;
	about = parse_attr(v, attrs, nattrs, "about", RDF_NS);
	if (about != NULL) {
		parse_clean(v, about, strlen(about), TEXT_ONELINE);
		if (v->len > 0)
			p->item.about = xstrdup(buf_str(v));
	}
}

static void
on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nss, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct parser		*p = ctx;
	const struct element	*e;
	struct frame		*fr;
	struct draft		*d;
	unsigned		 up;

	(void)nns;
	(void)nss;
	(void)ndefaulted;
	p->ctxt->wellFormed = 1;	/* see parse-input.c */
	if (p->stopped)
		return;
	if (p->depth >= p->lim.max_depth) {
		parse_stop(p, _("elements nested more than %u deep (line %d)"),
		    p->lim.max_depth, line(p));
		return;
	}
	up = p->depth > 0 ? p->stack[p->depth - 1].ctx : CTX_TOP;
	fr = frame_push(p, nattrs, attrs);
	if (up & CTX_TEXT) {
		fr->ctx = CTX_TEXT;
		parse_copy_start(p, fr, local, prefix, uri, nattrs, attrs);
		return;
	}
	if (up & CTX_IGNORE)
		return;
	if (up == CTX_TOP) {
		root_start(p, fr, (const char *)local, uri, nattrs, attrs);
		return;
	}
	e = element_find(p, parse_ns(p, uri), local, up);
	if (e == NULL)
		return;
	d = p->in_item ? &p->item : &p->chan;
	switch (e->kind) {
	case K_CHANNEL:
		if (uri != NULL && strcmp((const char *)uri,
		    "http://my.netscape.com/rdf/simple/0.9/") == 0)
			p->feed->format = FORMAT_RSS09X;
		fr->ctx = CTX_CHANNEL;
		break;
	case K_ITEM:
		item_begin(p, fr, nattrs, attrs);
		break;
	case K_AUTHOR:
		fr->ctx = CTX_AUTHOR;
		break;
	case K_GROUP:
		fr->ctx = up;
		break;
	case K_ATOMLINK:
	case K_ENCLOSURE:
	case K_MEDIA:
	case K_ATOMCATEGORY:
		parse_attribute_element(p, e, d, nattrs, attrs);
		break;
	default:
		if (parse_capture_begin(p, e, d, nattrs, attrs))
			fr->ctx = CTX_TEXT;
		break;
	}
}

static void
on_characters(void *ctx, const xmlChar *s, int len)
{
	struct parser	*p = ctx;

	p->ctxt->wellFormed = 1;
	if (p->cap_depth == 0 || p->stopped)
		return;
	if (p->text.len + (size_t)len > p->lim.max_field) {
		parse_stop(p, _("an element holds more than %zu bytes of text "
		    "(line %d)"), p->lim.max_field, line(p));
		return;
	}
	if (p->cap_mode == M_XHTML)
		parse_add_escaped(&p->text, (const char *)s, (size_t)len, 0);
	else
		buf_add(&p->text, s, (size_t)len);
}

/* The id of an item without guid or id: its link, else a digest. */
static char *
item_make_id(struct draft *d)
{
	uint64_t	 h = 0;
	int		 f;

	if (d->about != NULL)
		return xstrdup(d->about);
	if (d->val[F_LINK].len > 0)
		return xstrdup(buf_str(&d->val[F_LINK]));
	for (f = 0; f < F_MAX; f++) {
		h = feed_hash(buf_str(&d->val[f]), d->val[f].len, h);
		h = feed_hash(&d->date[f], sizeof d->date[f], h);
	}
	return xasprintf("ssnews:%016llx", (unsigned long long)h);
}

/*
 * Make ids unique within the feed: an exact repeat of an item is
 * dropped; a different item reusing an id gets a suffix derived from its
 * text (another if that id is taken too), which stays the same from one
 * fetch to the next.  Returns 0 to drop the item.
 */
static int
item_unique(struct parser *p, char **id, uint64_t key)
{
	uint64_t	 h, *slot, k = key;
	size_t		 i, size;
	char		*s, *orig = NULL;
	int		 round;

	for (round = 0; round < 8; round++) {
		if (p->nids * 2 >= p->idsmask) {
			uint64_t	*old = p->ids;
			size_t		 oldsize = p->ids ? p->idsmask + 1 : 0;

			size = oldsize ? oldsize * 2 : 256;
			p->ids = xcalloc(size, 2 * sizeof *p->ids);
			p->idsmask = size - 1;
			for (i = 0; i < oldsize; i++) {
				if (old[2 * i] == 0)
					continue;
				h = old[2 * i] & p->idsmask;
				while (p->ids[2 * h] != 0)
					h = (h + 1) & p->idsmask;
				p->ids[2 * h] = old[2 * i];
				p->ids[2 * h + 1] = old[2 * i + 1];
			}
			free(old);
		}
		h = feed_hash(*id, strlen(*id), 0) | 1;
		i = h & p->idsmask;
		for (;;) {
			slot = &p->ids[2 * i];
			if (slot[0] == 0 || slot[0] == h)
				break;
			i = (i + 1) & p->idsmask;
		}
		if (slot[0] == 0) {
			slot[0] = h;
			slot[1] = key;
			p->nids++;
			free(orig);
			return 1;
		}
		if (slot[1] == key)
			break;		/* the same item again */
		/* Taken by another item, maybe under a made-up id too. */
		if (orig == NULL)
			orig = xstrdup(*id);
		else
			k = feed_hash(&key, sizeof key, (uint64_t)round);
		s = xasprintf("%s#%08llx", orig, (unsigned long long)(k &
		    0xffffffffULL));
		free(*id);
		*id = s;
	}
	free(orig);
	return 0;
}

static const char *
nonempty(const struct buf *b)
{
	return b->len > 0 ? b->data : NULL;
}

/* An item is complete: pack it and hand it over. */
static void
item_finish(struct parser *p, struct frame *fr)
{
	struct draft	*d = &p->item;
	struct item	 it, *packed;
	uint64_t	 key;
	char		*id;
	int		 has_sum, has_con, html;

	p->in_item = 0;
	has_sum = d->val[F_SUMMARY].len > 0;
	has_con = d->val[F_CONTENT].len > 0;
	if (has_sum && has_con && d->html[F_SUMMARY] != d->html[F_CONTENT]) {
		if (!d->html[F_SUMMARY])
			parse_text_to_html(&d->val[F_SUMMARY]);
		else
			parse_text_to_html(&d->val[F_CONTENT]);
		d->html[F_SUMMARY] = d->html[F_CONTENT] = 1;
	}
	if (has_con)
		html = d->html[F_CONTENT];
	else if (has_sum)
		html = d->html[F_SUMMARY];
	else
		html = p->feed->format != FORMAT_ATOM10 &&
		    p->feed->format != FORMAT_ATOM03;

	memset(&it, 0, sizeof it);
	id = d->val[F_ID].len > 0 ? xstrdup(d->val[F_ID].data) :
	    item_make_id(d);
	it.title = nonempty(&d->val[F_TITLE]);
	it.link = nonempty(&d->val[F_LINK]);
	it.author = nonempty(&d->val[F_AUTHOR]);
	if (it.author == NULL && (p->feed->format == FORMAT_ATOM10 ||
	    p->feed->format == FORMAT_ATOM03))
		it.author = nonempty(&p->chan.val[F_AUTHOR]);
	it.lang = fr->lang != NULL ? fr->lang : nonempty(&p->chan.val[F_LANGUAGE]);
	it.published = d->date[F_PUBLISHED];
	it.updated = d->date[F_UPDATED];
	it.seen = DATE_NONE;
	it.categories = (const char **)d->categories;
	it.ncategories = (uint32_t)d->ncategories;
	it.enclosures = d->enclosures;
	it.nenclosures = (uint32_t)d->nenclosures;
	it.flags = ITEM_UNREAD | (html ? ITEM_HTML : 0);
	key = feed_hash(buf_str(&d->val[F_TITLE]), d->val[F_TITLE].len, 0);
	key = feed_hash(buf_str(&d->val[F_LINK]), d->val[F_LINK].len, key);
	key = feed_hash(d->date, sizeof d->date, key);
	if (!item_unique(p, &id, key)) {
		free(id);
		draft_reset(d);
		return;
	}
	it.id = id;
	it.summary = has_sum ? buf_take(&d->val[F_SUMMARY]) : NULL;
	it.content = has_con ? buf_take(&d->val[F_CONTENT]) : NULL;
	it.summary_len = it.content_len = ITEM_NOBODY;
	packed = item_pack(&it);
	free(id);
	draft_reset(d);
	p->nitems++;
	if (p->on_item != NULL) {
		/* What the channel said so far: title, language (filters). */
		if (p->nitems == 1)
			feed_finish(p);
		packed->feed = p->feed;
		p->on_item(p->arg, p->feed, packed);
	} else
		feed_add_item(p->feed, packed);
}

static void
on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct parser	*p = ctx;
	struct frame	*fr;

	p->ctxt->wellFormed = 1;
	if (p->depth == 0)
		return;
	fr = &p->stack[p->depth - 1];
	if (!p->stopped) {
		if (p->cap_depth != 0 && p->depth > p->cap_depth)
			parse_copy_end(p, fr, local, prefix, uri);
		else if (p->cap_depth == p->depth)
			parse_capture_end(p);
		else if ((fr->flags & FR_ITEM) && p->in_item)
			item_finish(p, fr);
	}
	frame_pop(p);
}

/* Keep libxml2's first complaint, for a message if the parse fails. */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct parser	*p = ctx;
	struct buf	 b;

	if (p->xml_error != NULL || e == NULL || e->message == NULL)
		return;
	buf_init(&b, 200);
	parse_clean(&b, e->message, strlen(e->message), TEXT_ONELINE);
	p->xml_error = buf_take(&b);
	p->xml_line = e->line;
}

const char *
parse_version(void)
{
	return LIBXML_DOTTED_VERSION;
}

void
parse_limits_default(struct parse_limits *lim)
{
	lim->max_body = PARSE_MAX_BODY;
	lim->max_items = PARSE_MAX_ITEMS;
	lim->max_field = PARSE_MAX_FIELD;
	lim->max_depth = PARSE_MAX_DEPTH;
}

/*
 * A parser for one document.  base_url resolves relative links; charset
 * is the transport's hint (may be NULL); with on_item, items are handed
 * over as they complete instead of collected in the feed.
 */
struct parser *
parse_new(const char *base_url, const char *charset,
    const struct parse_limits *lim, parse_item_cb on_item, void *arg)
{
	struct parser	*p;
	int		 i;

	p = xcalloc(1, sizeof *p);
	if (lim != NULL)
		p->lim = *lim;
	else
		parse_limits_default(&p->lim);
	parse_input_init(&p->in, charset);
	buf_init(&p->text, BUF_UNLIMITED);
	for (i = 0; i < 4; i++)
		buf_init(&p->scratch[i], BUF_UNLIMITED);
	draft_init(&p->chan);
	draft_init(&p->item);
	p->feed = feed_new(base_url != NULL ? base_url : "");
	p->on_item = on_item;
	p->arg = arg;

	p->doc_base = base_url != NULL && *base_url != '\0' ?
	    xstrdup(base_url) : NULL;

	memset(&p->sax, 0, sizeof p->sax);
	p->sax.initialized = XML_SAX2_MAGIC;
	p->sax.startElementNs = on_start;
	p->sax.endElementNs = on_end;
	p->sax.characters = on_characters;
	p->sax.cdataBlock = on_characters;
	p->sax.serror = on_error;
	p->ctxt = xmlCreatePushParserCtxt(&p->sax, p, NULL, 0, NULL);
	if (p->ctxt == NULL)
		fatalx("cannot create an XML parser");
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC |
	    XML_PARSE_NOCDATA);
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
	return p;
}

/*
 * Repair some bytes and hand them to libxml2.  The push parser keeps an
 * unfinished CDATA section, tag or comment whole before it parses it
 * (a CDATA section comes out 300 bytes per call), so one that never ends
 * would hold the whole body: bound it like the text of a field.
 */
static void
parse_feed_xml(struct parser *p, const char *data, size_t len, int final)
{
	xmlParserInputPtr	 in;
	const char		*out;
	size_t			 outlen;

	out = parse_input_push(&p->in, data, len, final, &outlen);
	if (p->stopped || (outlen == 0 && !final))
		return;
	xmlParseChunk(p->ctxt, out, (int)outlen, final);
	in = p->ctxt->input;
	if (!p->stopped && in != NULL && in->cur != NULL && in->end != NULL &&
	    (size_t)(in->end - in->cur) > p->lim.max_field + PUSH_MAX)
		parse_stop(p, _("an element holds more than %zu bytes of text "
		    "(line %d)"), p->lim.max_field, line(p));
}

/* Feed some bytes.  Returns -1 once the parse has failed: stop sending. */
int
parse_push(struct parser *p, const char *data, size_t len)
{
	if (p->stopped)
		return -1;
	p->nbytes += len;
	if (p->nbytes > p->lim.max_body) {
		parse_stop(p, _("the feed is larger than %zu KiB"),
		    p->lim.max_body >> 10);
		return -1;
	}
	while (len > 0 && !p->stopped) {
		size_t	 n = len > PUSH_MAX ? PUSH_MAX : len;

		parse_feed_xml(p, data, n, 0);
		data += n;
		len -= n;
	}
	return p->stopped ? -1 : 0;
}

/* The feed-level fields, once the document is read. */
static void
feed_finish(struct parser *p)
{
	struct feed	*f = p->feed;
	struct draft	*c = &p->chan;

	if (c->val[F_TITLE].len > 0)
		feed_set(&f->title, c->val[F_TITLE].data);
	if (c->val[F_LINK].len > 0)
		feed_set(&f->link, c->val[F_LINK].data);
	if (c->val[F_SUMMARY].len > 0)
		feed_set(&f->description, c->val[F_SUMMARY].data);
	if (c->val[F_LANGUAGE].len > 0)
		feed_set(&f->language, c->val[F_LANGUAGE].data);
	else if (p->root_lang != NULL)
		feed_set(&f->language, p->root_lang);
	f->updated = c->date[F_UPDATED] != DATE_NONE ? c->date[F_UPDATED] :
	    c->date[F_PUBLISHED];
}

/*
 * Finish the document.  Returns the feed (never NULL) with what could be
 * read; *cause is set (allocated) when the source failed or was cut
 * short, and is NULL when all went well.
 */
struct feed *
parse_finish(struct parser *p, char **cause)
{
	struct feed	*f;

	if (!p->stopped) {
		parse_feed_xml(p, NULL, 0, 1);
	}
	if (p->cause == NULL && !p->saw_root) {
		if (p->nbytes > 0 && p->xml_error != NULL)
			p->cause = xasprintf(_("not a feed: %s (line %d)"),
			    p->xml_error, p->xml_line);
		else
			p->cause = xstrdup(_("not a feed: the document is empty"));
	} else if (p->cause == NULL && p->depth > 0)
		p->cause = xasprintf(_("the document ends early (line %d)"),
		    line(p));
	feed_finish(p);
	f = p->feed;
	p->feed = NULL;
	*cause = p->cause;
	p->cause = NULL;
	return f;
}

void
parse_free(struct parser *p)
{
	int	 i;

	if (p == NULL)
		return;
	while (p->depth > 0)
		frame_pop(p);
	free(p->stack);
	free(p->doc_base);
	if (p->ctxt->myDoc != NULL)
		xmlFreeDoc(p->ctxt->myDoc);
	xmlFreeParserCtxt(p->ctxt);
	parse_input_free(&p->in);
	buf_free(&p->text);
	for (i = 0; i < 4; i++)
		buf_free(&p->scratch[i]);
	draft_free(&p->chan);
	draft_free(&p->item);
	feed_free(p->feed);
	free(p->ids);
	free(p->xml_error);
	free(p->cause);
	free(p->root_lang);
	free(p);
}

/* Parse a whole document held in memory (tests, files). */
struct feed *
parse_buffer(const char *data, size_t len, const char *base_url,
    char **cause)
{
	struct parser	*p;
	struct feed	*f;

	p = parse_new(base_url, NULL, NULL, NULL, NULL);
	parse_push(p, data, len);
	f = parse_finish(p, cause);
	parse_free(p);
	return f;
}
