/*
 * Output for scripts.  JSON Lines as DESIGN.md specifies, one object per
 * source; TSV as sfeed(5) describes, so that sfeed's tools read it.
 * Neither ever writes a raw control or invisible format character: JSON
 * escapes them, TSV drops them.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "buf.h"
#include "dump.h"
#include "swar.h"
#include "feed.h"
#include "text.h"
#include "topics.h"

/*
 * A JSON string: quotes, backslashes and every control or invisible
 * character escaped (\u2028 and \u2029 too, for JavaScript readers),
 * invalid UTF-8 as U+FFFD.
 */
void
dump_json_string(struct buf *out, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len = strlen(s), i, span = 0, n;
	uint32_t		 c;

	buf_addc(out, '"');
	for (i = 0; i < len; i += n) {
		n = 1;
		if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '"' && u[i] != '\\')
			continue;
		if (u[i] >= 0x80) {
			n = text_decode(s + i, len - i, &c);
			if (c == TEXT_INVALID)
				c = TEXT_REPLACEMENT;
			else if (!text_is_invisible(c) && c != 0x2028 &&
			    c != 0x2029)
				continue;
		} else
			c = u[i];
		buf_add(out, s + span, i - span);
		span = i + n;
		switch (c) {
		case '"':
			buf_addstr(out, "\\\"");
			break;
		case '\\':
			buf_addstr(out, "\\\\");
			break;
		case '\n':
			buf_addstr(out, "\\n");
			break;
		case '\t':
			buf_addstr(out, "\\t");
			break;
		case '\r':
			buf_addstr(out, "\\r");
			break;
		default:
			if (c > 0xffff)		/* a tag character */
				buf_addf(out, "\\u%04x\\u%04x",
				    0xd800 + ((c - 0x10000) >> 10),
				    0xdc00 + ((c - 0x10000) & 0x3ff));
			else
				buf_addf(out, "\\u%04x", (unsigned)c);
		}
	}
	buf_add(out, s + span, len - span);
	buf_addc(out, '"');
}

static void
json_key(struct buf *out, const char *key, int first)
{
	if (!first)
		buf_addc(out, ',');
	buf_addc(out, '"');
	buf_addstr(out, key);
	buf_addstr(out, "\":");
}

static void
json_str(struct buf *out, const char *key, const char *value)
{
	json_key(out, key, 0);
	if (value == NULL)
		buf_addstr(out, "null");
	else
		dump_json_string(out, value);
}

static void
json_time(struct buf *out, const char *key, time_t t)
{
	json_key(out, key, 0);
	if (t == DATE_NONE)
		buf_addstr(out, "null");
	else
		buf_addint(out, (int64_t)t);
}

static void
json_item(struct buf *out, const struct item *it)
{
	uint32_t	 i;
	unsigned	 t;
	int		 first = 1;

	buf_addstr(out, "{\"id\":");
	dump_json_string(out, it->id);
	json_str(out, "title", it->title);
	json_str(out, "link", it->link);
	json_str(out, "author", it->author);
	json_time(out, "published", it->published);
	json_time(out, "updated", it->updated);
	json_str(out, "summary", it->summary);
	json_str(out, "content", it->content);
	json_str(out, "content_type", it->flags & ITEM_HTML ? "html" : "text");
	json_key(out, "categories", 0);
	buf_addc(out, '[');
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_addc(out, ',');
		dump_json_string(out, it->categories[i]);
	}
	buf_addstr(out, "]");
	json_key(out, "enclosures", 0);
	buf_addc(out, '[');
	for (i = 0; i < it->nenclosures; i++) {
		const struct enclosure	*e = &it->enclosures[i];

		buf_addstr(out, i > 0 ? ",{\"url\":" : "{\"url\":");
		dump_json_string(out, e->url);
		json_str(out, "type", e->type);
		json_key(out, "length", 0);
		if (e->length < 0)
			buf_addstr(out, "null");
		else
			buf_addint(out, e->length);
		buf_addc(out, '}');
	}
	buf_addstr(out, "]");
	json_key(out, "topics", 0);
	buf_addc(out, '[');
	for (t = 0; t < topics_count(); t++) {
		if (!(it->topics & (1u << t)))
			continue;
		if (!first)
			buf_addc(out, ',');
		dump_json_string(out, topics_id(t));
		first = 0;
	}
	buf_addstr(out, "]}");
}

/* One line for one source: its metadata, error and items. */
void
dump_json_feed(struct buf *out, const char *source, const struct feed *f,
    const char *error)
{
	size_t	 i;

	buf_addstr(out, "{\"source\":");
	dump_json_string(out, source);
	json_str(out, "format", f != NULL ? feed_format_name(f->format) : NULL);
	json_str(out, "error", error);
	json_str(out, "title", f != NULL ? f->title : NULL);
	json_str(out, "link", f != NULL ? f->link : NULL);
	json_str(out, "description", f != NULL ? f->description : NULL);
	json_str(out, "language", f != NULL ? f->language : NULL);
	json_time(out, "updated", f != NULL ? f->updated : DATE_NONE);
	json_key(out, "items", 0);
	buf_addc(out, '[');
	for (i = 0; f != NULL && i < f->nitems; i++) {
		if (i > 0)
			buf_addc(out, ',');
		json_item(out, f->items[i]);
	}
	buf_addstr(out, "]}\n");
}

/*
 * A TSV field.  Item text was cleaned by the parser (valid UTF-8, no
 * control or bidi characters); here, with content set, tab, newline and
 * backslash are escaped as \t, \n and \\, else white space becomes a
 * space.  Any control byte or C1 control left is dropped.
 */
static void
tsv_field(struct buf *out, const char *s, int content)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, span = 0, len;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i++) {
		i += scan_bytes(u + i, len - i, '\\', 0x7f, 0xc2,
		    SCAN_CTL | SCAN_WS);
		if (i >= len)
			break;
		if (u[i] >= 0x20 && u[i] != '\\' && u[i] != 0x7f &&
		    !(u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f))
			continue;
		if (u[i] == '\\' && !content)
			continue;
		buf_add(out, s + span, i - span);
		span = i + 1;
		if (u[i] == 0xc2)
			span++;		/* a C1 control: dropped */
		else if (content && u[i] == '\\')
			buf_add(out, "\\\\", 2);
		else if (content && u[i] == '\n')
			buf_add(out, "\\n", 2);
		else if (content && u[i] == '\t')
			buf_add(out, "\\t", 2);
		else if (!content && (u[i] == '\n' || u[i] == '\t' ||
		    u[i] == '\r'))
			buf_addc(out, ' ');
		if (u[i] == 0xc2)
			i++;
	}
	buf_add(out, s + span, i - span);
}

/* One item as one line of sfeed's format. */
void
dump_tsv_item(struct buf *out, const struct item *it)
{
	const char	*body;
	time_t		 t;
	uint32_t	 i;

	t = it->published != DATE_NONE ? it->published : it->updated;
	if (t != DATE_NONE)
		buf_addint(out, (int64_t)t);
	buf_addc(out, '\t');
	tsv_field(out, it->title, 0);
	buf_addc(out, '\t');
	tsv_field(out, it->link, 0);
	buf_addc(out, '\t');
	body = it->content != NULL ? it->content : it->summary;
	tsv_field(out, body, 1);
	buf_addc(out, '\t');
	if (body != NULL)
		buf_addstr(out, it->flags & ITEM_HTML ? "html" : "plain");
	buf_addc(out, '\t');
	tsv_field(out, it->id, 0);
	buf_addc(out, '\t');
	tsv_field(out, it->author, 0);
	buf_addc(out, '\t');
	if (it->nenclosures > 0)
		tsv_field(out, it->enclosures[0].url, 0);
	buf_addc(out, '\t');
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_addc(out, '|');
		tsv_field(out, it->categories[i], 0);
	}
	buf_addc(out, '\n');
}
