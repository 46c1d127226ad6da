/*
 * Folding for the topic matcher: a field of text or HTML becomes the
 * bytes that the scanner in topics.c matches terms against (HTML loses
 * its tags and comments and has its entities decoded on the way), with
 * caches for the characters that fold most often.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "swar.h"
#include "text.h"
#include "topics-int.h"
#include "xmalloc.h"

/* Entities that are not a letter with an accent. */
static const struct {
	const char	*name;
	const char	*text;
} topics_entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", " " }, { "shy", "" }, { "rsquo", "'" },
	{ "lsquo", "'" }, { "rdquo", "\"" }, { "ldquo", "\"" },
	{ "laquo", "\"" }, { "raquo", "\"" }, { "ndash", "-" },
	{ "mdash", "-" }, { "hellip", "..." }, { "szlig", "ss" },
	{ "aelig", "ae" }, { "AElig", "AE" }, { "oelig", "oe" },
	{ "OElig", "OE" },
};
static const char *const topics_accents[] = {
	"acute", "grave", "circ", "uml", "tilde", "cedil", "ring", "slash",
};

static void	 fold_cache(uint8_t *, uint32_t);
static size_t	 strip_skip(const char *, size_t, size_t);
static size_t	 entity(struct buf *, const char *, size_t);
static void	 fold_char(const char *, size_t, size_t *, size_t, int);
static void	 fold_run(const char *, size_t, size_t, int);

/*
 * What fold_char() makes of c: up to 3 bytes and their count last (0 for
 * an invisible character, 0xff for one to fold each time).
 */
static void
fold_cache(uint8_t *out, uint32_t c)
{
	char	 enc[4];
	size_t	 n = text_encode(c, enc);

	memset(out, 0, 4);
	if (text_is_invisible(c))
		return;
	buf_reset(&topics.one);
	text_fold(&topics.one, enc, n);
	if (topics.one.len == 0)	/* a space */
		memcpy(out, " \0\0\1", 4);
	else if (topics.one.len > 3)
		out[3] = 0xff;
	else {
		memcpy(out, topics.one.data, topics.one.len);
		out[3] = (uint8_t)topics.one.len;
	}
}

/* Fill the caches of fold_char(): U+0080..07FF and U+2000..206F. */
void
topics_fold_init(void)
{
	size_t	 i;

	for (i = 0x80; i < 0x800; i++)
		fold_cache(topics.fold2[i], (uint32_t)i);
	for (i = 0; i < 0x70; i++)
		fold_cache(topics.fold3[i], (uint32_t)(0x2000 + i));
}

/* Where the tag or comment at s[i] ends, or i if "<" starts none. */
static size_t
strip_skip(const char *s, size_t len, size_t i)
{
	const char	*end;
	unsigned char	 c;
	size_t		 j;

	c = i + 1 < len ? (unsigned char)s[i + 1] : 0;
	if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '/' &&
	    c != '!' && c != '?')
		return i;	/* plain text such as "a < b" */
	if (c == '!' && len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		for (j = i + 4; j + 3 <= len; j++) {
			if (memcmp(s + j, "-->", 3) == 0)
				return j + 3;
		}
		return len;
	}
	end = memchr(s + i, '>', len - i);
	return end != NULL ? (size_t)(end - s) + 1 : len;
}

/* Decode the entity at s; returns the bytes used, 0 if it is none. */
static size_t
entity(struct buf *out, const char *s, size_t len)
{
	char		 name[16], enc[4];
	size_t		 n, i;
	unsigned long	 c;
	char		*end;

	n = strcspn(s + 1, ";& <");
	if (n == 0 || n >= sizeof name || n + 1 >= len || s[n + 1] != ';')
		return 0;
	memcpy(name, s + 1, n);
	name[n] = '\0';
	if (name[0] == '#') {
		if (name[1] == 'x' || name[1] == 'X')
			c = strtoul(name + 2, &end, 16);
		else
			c = strtoul(name + 1, &end, 10);
		if (*end != '\0' || end == name + 1)
			return 0;
		if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			c = TEXT_REPLACEMENT;
		buf_add(out, enc, text_encode((uint32_t)c, enc));
		return n + 2;
	}
	for (i = 0; n >= 4 && i < sizeof topics_accents /
	    sizeof topics_accents[0]; i++) {
		if (strcmp(name + 1, topics_accents[i]) == 0) {
			buf_addc(out, name[0]);	/* folded anyway */
			return n + 2;
		}
	}
	for (i = 0; i < sizeof topics_entities / sizeof topics_entities[0];
	    i++) {
		if (name[0] == topics_entities[i].name[0] &&
		    strcmp(name, topics_entities[i].name) == 0) {
			buf_addstr(out, topics_entities[i].text);
			return n + 2;
		}
	}
	return 0;
}

/*
 * Append the folding of the character at s to topics.folded (n gets its
 * length in s); with mapped, record off as the origin of every byte.
 * Folding is text_fold()'s, except that ASCII is kept as it is: terms
 * compare letters without case and acronyms with it, and a space in a term
 * takes any run of blanks.
 */
static void
fold_char(const char *s, size_t len, size_t *n, size_t off, int mapped)
{
	const uint8_t	*cache = NULL;
	const char	*one = " ";
	uint32_t	 c;
	size_t		 m = 1, k;

	*n = text_decode(s, len, &c);
	if (c >= 0x80 && c < 0x800 && *n == 2)
		cache = topics.fold2[c];
	else if (c >= 0x2000 && c < 0x2070)
		cache = topics.fold3[c - 0x2000];
	if (cache != NULL && cache[3] != 0xff) {
		one = (const char *)cache;
		m = cache[3];
	} else if (text_is_invisible(c))
		return;
	else {
		buf_reset(&topics.one);
		text_fold(&topics.one, s, *n);
		if (topics.one.len > 0) {	/* else a space */
			one = topics.one.data;
			m = topics.one.len;
		}
	}
	for (k = 0; mapped && k < m; k++)
		topics.map[topics.folded.len + k] = (uint32_t)off;
	memcpy(topics.folded.data + topics.folded.len, one, m);
	topics.folded.len += m;
}

/* Append a run of ASCII or the character at s[i] (for an entity). */
static void
fold_run(const char *s, size_t len, size_t off, int mapped)
{
	size_t	 i, n, k;

	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] >= 0x80) {
			fold_char(s + i, len - i, &n, off + i, mapped);
			continue;
		}
		n = scan_bytes((const unsigned char *)s + i, len - i, -1, -1,
		    -1, SCAN_HIGH);
		for (k = 0; mapped && k < n; k++)
			topics.map[topics.folded.len + k] =
			    (uint32_t)(off + i + k);
		memcpy(topics.folded.data + topics.folded.len, s + i, n);
		topics.folded.len += n;
	}
}

/*
 * Fold a field into topics.folded; HTML loses its tags (each becomes a
 * space) and has its entities decoded on the way.  mapped is for plain
 * text only: topics.map[] gets the offset of every folded byte, and len
 * at the end.
 */
void
topics_fold_text(const char *s, size_t len, int html, int mapped)
{
	size_t	 i, n, end;

	if (mapped && topics.mapcap < 3 * len + 1) {	/* U+FFFD is 3 */
		topics.mapcap = 3 * len + 1;
		free(topics.map);
		topics.map = xreallocarray(NULL, topics.mapcap,
		    sizeof *topics.map);
	}
	buf_reset(&topics.folded);
	buf_grow(&topics.folded, 3 * len + 8);	/* all the room needed */
	for (i = 0; html && i < len; i += n) {
		n = scan_bytes((const unsigned char *)s + i, len - i, '<', '&',
		    -1, SCAN_HIGH);
		if (n > 0) {
			memcpy(topics.folded.data + topics.folded.len, s + i,
			    n);
			topics.folded.len += n;
		} else if ((unsigned char)s[i] >= 0x80)
			fold_char(s + i, len - i, &n, i, 0);
		else if (s[i] == '<') {
			end = strip_skip(s, len, i);
			topics.folded.data[topics.folded.len++] =
			    end > i ? ' ' : '<';
			n = end > i ? end - i : 1;
		} else {
			buf_reset(&topics.ent);
			n = entity(&topics.ent, s + i, len - i);
			if (n == 0)
				topics.folded.data[topics.folded.len++] = '&';
			fold_run(buf_str(&topics.ent), topics.ent.len, i, 0);
			n += n == 0;
		}
	}
	if (!html)
		fold_run(s, len, 0, mapped);
	if (mapped)
		topics.map[topics.folded.len] = (uint32_t)len;
	/* scan_chain() reads eight bytes at a time */
	memset(topics.folded.data + topics.folded.len, 0, 8);
}
