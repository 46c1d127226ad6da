/*
 * Before libxml2 sees a byte, this stage
 *   - decides the encoding: byte order mark, then the XML declaration,
 *     then the transport's charset, then UTF-8 (XML 1.0 appendix F);
 *   - converts other encodings to UTF-8 with iconv, reading ISO-8859-1
 *     and US-ASCII as their superset windows-1252, as browsers do;
 *   - replaces invalid UTF-8 and characters XML forbids with U+FFFD and
 *     removes raw control characters;
 *   - escapes stray '&' and '<', turns HTML entities (&nbsp;, &eacute;)
 *     into characters and unknown entities into text, and maps the
 *     windows-1252 references &#128;..&#159; to the characters meant;
 *   - drops the DOCTYPE, so no DTD, internal subset or entity declaration
 *     ever reaches the XML parser (no entity expansion, no external
 *     fetch).
 * libxml2 stops expanding even predefined entities after its first
 * well-formedness error, so repairing here keeps "AT&T" and "&lt;p&gt;"
 * intact in recovering mode.  Everything is streaming: a few bytes of
 * lookahead are held between chunks.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "buf.h"
#include "parse-input.h"
#include "swar.h"
#include "text.h"
#include "xmalloc.h"

enum {
	LX_TEXT,
	LX_TAG,
	LX_COMMENT,
	LX_CDATA,
	LX_PI,
	LX_DOCTYPE
};

#define NAME_MAX_LEN	32	/* longest entity name considered */
#define HEAD_MAX	1024	/* bytes read to find the declaration */

/* What windows-1252 puts at 0x80..0x9f; FFFD where it has nothing. */
static const unsigned short cp1252_c1[32] = {
	0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
	0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
};

static size_t	lex(struct parse_input *, const unsigned char *, size_t, int,
		    struct buf *, int *);

void
parse_input_init(struct parse_input *pi, const char *hint)
{
	memset(pi, 0, sizeof *pi);
	pi->state = LX_TEXT;
	pi->unit = 1;
	pi->hint = hint != NULL ? xstrdup(hint) : NULL;
	buf_init(&pi->head, BUF_UNLIMITED);
	buf_init(&pi->conv, BUF_UNLIMITED);
	buf_init(&pi->pend, BUF_UNLIMITED);
	buf_init(&pi->out, BUF_UNLIMITED);
}

void
parse_input_free(struct parse_input *pi)
{
	if (pi->cd != NULL)
		iconv_close((iconv_t)pi->cd);
	free(pi->hint);
	free(pi->encoding);
	free(pi->warning);
	buf_free(&pi->head);
	buf_free(&pi->conv);
	buf_free(&pi->pend);
	buf_free(&pi->out);
}

static void
put_cp(struct buf *out, uint32_t c)
{
	char	 enc[4];

	buf_add(out, enc, text_encode(c, enc));
}

static int
xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

static int
name_char(int c, int first)
{
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return 1;
	if (c == '_' || c == ':')
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '.' || c == '-');
}

/* The value of a numeric reference "&#...;" (s at '#'), or -1 if invalid. */
static long
ref_number(const unsigned char *s, size_t len)
{
	long	 v = 0;
	size_t	 i = 1;
	int	 hex = 0, d;

	if (len > 1 && (s[1] == 'x' || s[1] == 'X')) {
		hex = 1;
		i = 2;
	}
	if (i >= len)
		return -1;
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (hex && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')
			d = (s[i] | 0x20) - 'a' + 10;
		else
			return -1;
		v = v * (hex ? 16 : 10) + d;
		if (v > 0x10ffff)
			v = 0x110000;	/* clamp: still invalid */
	}
	return v;
}

/* A replacement for the bytes of a reference. */
struct rep {
	int		 rewrite;	/* 0: keep the bytes as they are */
	size_t		 len;
	char		 text[NAME_MAX_LEN + 16];
};

static void
rep_amp(struct rep *r, const unsigned char *s, size_t len)
{
	r->rewrite = 1;
	memcpy(r->text, "&amp;", 5);
	memcpy(r->text + 5, s, len);
	r->len = 5 + len;
}

static void
rep_char(struct rep *r, uint32_t c)
{
	r->rewrite = 1;
	r->len = text_encode(c, r->text);
}

/*
 * A numeric reference s[0..end] ("&#...;"): what should it become?
 * Returns the bytes it covers (1 when only the '&' is escaped).
 */
static size_t
ref_numeric(const unsigned char *s, size_t end, struct rep *r)
{
	long	 v;

	v = ref_number(s + 1, end - 1);
	if (v < 0) {
		rep_amp(r, s, 0);
		return 1;
	}
	if (v >= 0x80 && v <= 0x9f)
		rep_char(r, cp1252_c1[v - 0x80]);
	else if ((v < 0x20 && v != '\t' && v != '\n') ||
	    text_is_control((uint32_t)v))
		r->rewrite = 1;		/* a control character: dropped */
	else if (!xml_char((uint32_t)v))
		rep_char(r, TEXT_REPLACEMENT);
	return end + 1;
}

/* Is s[0..len) one of XML's five predefined entity names? */
static int
predefined(const unsigned char *s, size_t len)
{
	switch (len) {
	case 2:
		return (s[0] == 'l' || s[0] == 'g') && s[1] == 't';
	case 3:
		return memcmp(s, "amp", 3) == 0;
	case 4:
		return memcmp(s, "quot", 4) == 0 || memcmp(s, "apos", 4) == 0;
	}
	return 0;
}

/* A named reference s[0..end] ("&name;"): as ref_numeric(). */
static size_t
ref_named(const unsigned char *s, size_t end, struct rep *r)
{
	const htmlEntityDesc	*e;
	char			 name[NAME_MAX_LEN + 4];
	size_t			 i;

	if (predefined(s + 1, end - 1))
		return end + 1;
	for (i = 1; i < end; i++) {
		if (!name_char(s[i], i == 1)) {
			rep_amp(r, s, 0);
			return 1;
		}
	}
	memcpy(name, s + 1, end - 1);
	name[end - 1] = '\0';
	e = htmlEntityLookup((const xmlChar *)name);
	if (e != NULL)
		rep_char(r, e->value);
	else
		rep_amp(r, s + 1, end);		/* shown as written */
	return end + 1;
}

/*
 * Look at a reference starting at s[0] == '&'.  Returns the bytes it
 * covers, or 0 when more input is needed; r says what to put instead.
 */
static size_t
ref_fix(const unsigned char *s, size_t n, int final, struct rep *r)
{
	size_t	 end;

	r->rewrite = 0;
	r->len = 0;
	for (end = 1; end < n && end <= NAME_MAX_LEN + 2; end++) {
		if (s[end] == ';')
			break;
		if (!name_char(s[end], 0) && s[end] != '#')
			break;
	}
	if (end >= n && !final)
		return 0;
	if (end >= n || s[end] != ';' || end == 1) {
		rep_amp(r, s, 0);	/* a stray ampersand */
		return 1;
	}
	if (s[1] == '#')
		return ref_numeric(s, end, r);
	return ref_named(s, end, r);
}

enum {
	U8_KEEP,	/* a good character */
	U8_MORE,	/* incomplete: wait for the next chunk */
	U8_BAD,		/* replace *len bytes with one U+FFFD */
	U8_DROP		/* a control character: remove it */
};

/*
 * Check the UTF-8 sequence at s (s[0] >= 0x80); *len gets its length.
 * C1 controls and bidi embeddings, overrides and isolates are removed
 * here, so the text libxml2 hands back needs no further cleaning.
 */
static int
utf8_fix(const unsigned char *s, size_t n, int final, size_t *len)
{
	uint32_t	 c;
	size_t		 need;

	*len = 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	else
		return U8_BAD;
	*len = text_decode((const char *)s, n, &c);
	if (n < need && *len == n)
		return final ? U8_BAD : U8_MORE;	/* cut by the chunk */
	if (c == TEXT_INVALID || !xml_char(c))
		return U8_BAD;	/* *len covers the broken sequence */
	if (text_is_control(c))
		return U8_DROP;
	return U8_KEEP;
}

/* After '<' in text: what comes?  Returns -1 when more input is needed. */
static int
markup_kind(const unsigned char *s, size_t n, int final)
{
	static const char	*opens[] = { "<!--", "<![CDATA[", "<!DOCTYPE" };
	static const int	 kinds[] = { LX_COMMENT, LX_CDATA, LX_DOCTYPE };
	size_t			 i, len;

	if (n < 2)
		return final ? LX_TEXT : -1;
	if (s[1] == '/' || name_char(s[1], 1) || s[1] >= 0x80)
		return LX_TAG;
	if (s[1] == '?')
		return LX_PI;
	if (s[1] != '!')
		return LX_TEXT;		/* a stray '<' */
	for (i = 0; i < 3; i++) {
		len = strlen(opens[i]);
		if (memcmp(s, opens[i], n < len ? n : len) != 0)
			continue;
		if (n < len)
			return final ? LX_TEXT : -1;
		return kinds[i];
	}
	return LX_TEXT;
}

/* Track the end of a DOCTYPE declaration, which is dropped. */
static void
lex_doctype(struct parse_input *pi, int c)
{
	if (pi->quote != 0) {
		if (c == pi->quote)
			pi->quote = 0;
	} else if (c == '"' || c == '\'')
		pi->quote = c;
	else if (c == '[')
		pi->bracket++;
	else if (c == ']' && pi->bracket > 0)
		pi->bracket--;
	else if (c == '>' && pi->bracket == 0)
		pi->state = LX_TEXT;
}

/*
 * How many closing characters ("--", "]]", "?") stand right before
 * in[i], counting into the previous chunk when the state began there.
 */
static int
lex_run(struct parse_input *pi, const unsigned char *in, size_t i,
    size_t start, int began_here)
{
	int	 ch, run = 0;

	ch = pi->state == LX_COMMENT ? '-' : pi->state == LX_CDATA ? ']' : '?';
	while (run < 2 && i > start && in[i - 1] == ch) {
		i--;
		run++;
	}
	if (run < 2 && i == start && !began_here)
		run += pi->run;
	return run > 2 ? 2 : run;
}

/* A fast check of a well-formed two- or three-byte UTF-8 character. */
static int
utf8_quick(const unsigned char *s, size_t n)
{
	if (s[0] >= 0xc2 && s[0] <= 0xdf && n >= 2 && (s[1] & 0xc0) == 0x80)
		return s[0] == 0xc2 && s[1] < 0xa0 ? 0 : 2;	/* C1? */
	if (s[0] < 0xe0 || s[0] > 0xef || n < 3 || (s[1] & 0xc0) != 0x80 ||
	    (s[2] & 0xc0) != 0x80)
		return 0;
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe))
		return 0;	/* overlong, surrogate, U+FFFE/FFFF */
	if (s[0] == 0xe2 && (s[1] == 0x80 || s[1] == 0x81))
		return 0;	/* maybe a bidi control: look closer */
	return 3;
}

/*
 * In a tag: track quotes.  Returns 1 when c starts a reference inside an
 * attribute value.
 */
static int
lex_tag(struct parse_input *pi, int c)
{
	if (pi->quote != 0 && c == pi->quote)
		pi->quote = 0;
	else if (pi->quote == 0 && (c == '"' || c == '\''))
		pi->quote = c;
	else if (pi->quote == 0 && c == '>')
		pi->state = LX_TEXT;
	else if (pi->quote != 0 && c == '&')
		return 1;
	return 0;
}

/*
 * Skip the bytes that need no attention in the current state, eight at a
 * time where no special byte is near.
 */
static size_t
lex_skip(struct parse_input *pi, const unsigned char *in, size_t i,
    size_t n)
{
	switch (pi->state) {
	case LX_TEXT:
		return i + scan_bytes(in + i, n - i, '<', '&', 0x7f,
		    SCAN_CTL | SCAN_HIGH);
	case LX_TAG:
		if (pi->quote != 0)
			return i + scan_bytes(in + i, n - i, pi->quote, '<',
			    '&', SCAN_CTL | SCAN_HIGH | SCAN_DEL);
		return i + scan_bytes(in + i, n - i, '>', '"', '\'',
		    SCAN_CTL | SCAN_HIGH | SCAN_DEL);
	case LX_DOCTYPE:
		return i;
	default:
		return i + scan_bytes(in + i, n - i, '>', 0x7f, -1,
		    SCAN_CTL | SCAN_HIGH);
	}
}

/*
 * The lexical repair.  Returns how many bytes were consumed; the rest
 * (a few bytes) waits for more input.  The repaired text is appended to
 * out, except that when *borrow is set on entry and nothing needed
 * repair, nothing is copied and *borrow stays set: the output is then
 * in[0..consumed) itself.
 */
static size_t
lex(struct parse_input *pi, const unsigned char *in, size_t n, int final,
    struct buf *out, int *borrow)
{
	struct rep	 r;
	size_t		 i = 0, span = 0, used, start = 0, clen;
	int		 c, kind, len, action, began_here = 0;

#define FLUSH()	do {						\
	buf_add(out, in + span, i - span);				\
	*borrow = 0;							\
} while (0)
	while (i < n) {
		i = lex_skip(pi, in, i, n);
		if (i >= n)
			break;
		c = in[i];
		if (c >= 0x80 && pi->state != LX_DOCTYPE) {
			len = utf8_quick(in + i, n - i);
			if (len > 0) {
				i += (size_t)len;
				continue;
			}
			action = utf8_fix(in + i, n - i, final, &clen);
			if (action == U8_MORE)
				break;		/* the rest comes later */
			if (action == U8_KEEP) {
				i += clen;
				continue;
			}
			FLUSH();
			if (action == U8_BAD)
				put_cp(out, TEXT_REPLACEMENT);
			i += clen;
			span = i;
			continue;
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f) {
			FLUSH();
			span = ++i;	/* raw control characters go */
			continue;
		}
		switch (pi->state) {
		case LX_DOCTYPE:
			FLUSH();
			lex_doctype(pi, c);
			span = ++i;	/* dropped */
			continue;
		case LX_COMMENT:
		case LX_CDATA:
		case LX_PI:
			/* c is '>': the end if the closing run precedes it. */
			if (lex_run(pi, in, i, start, began_here) >=
			    (pi->state == LX_PI ? 1 : 2))
				pi->state = LX_TEXT;
			i++;
			continue;
		case LX_TAG:
			if (c == '<' && pi->quote != 0) {
				FLUSH();
				buf_add(out, "&lt;", 4);
				span = ++i;
				continue;
			}
			if (!lex_tag(pi, c)) {
				i++;
				continue;
			}
			break;		/* a reference in an attribute */
		default:
			if (c == '&')
				break;
			kind = markup_kind(in + i, n - i, final);
			if (kind < 0)
				goto out;
			if (kind == LX_TEXT) {
				FLUSH();
				buf_add(out, "&lt;", 4);
				span = ++i;
				continue;
			}
			pi->state = kind;
			pi->run = pi->bracket = pi->quote = 0;
			if (kind == LX_DOCTYPE) {
				FLUSH();
				i += 9;
				span = i;
				continue;
			}
			i += kind == LX_CDATA ? 9 : kind == LX_COMMENT ? 4 :
			    kind == LX_PI ? 2 : 1;
			start = i;
			began_here = 1;
			continue;
		}
		/* A reference, in text or in an attribute value. */
		used = ref_fix(in + i, n - i, final, &r);
		if (used == 0)
			break;
		if (r.rewrite) {
			FLUSH();
			buf_add(out, r.text, r.len);
			span = i + used;
		}
		i += used;
	}
out:
	/* A closer cut by the chunk's end ("-" then "->") must carry over. */
	if (pi->state == LX_COMMENT || pi->state == LX_CDATA ||
	    pi->state == LX_PI)
		pi->run = lex_run(pi, in, i, start, began_here);
	if (span == 0 && *borrow)
		return i;	/* nothing was repaired: no copy */
	*borrow = 0;
	FLUSH();
#undef FLUSH
	return i;
}

/* Lower-case an encoding name and map the aliases we treat specially. */
static char *
encoding_normalize(const char *name, size_t len)
{
	static const char	*cp1252[] = {
		"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
		"l1", "us-ascii", "ascii", "cp819", "ibm819", "cp1252",
		"windows-1252", "x-cp1252", NULL
	};
	char			*s;
	size_t			 i;

	while (len > 0 && (*name == ' ' || *name == '"' || *name == '\''))
		name++, len--;
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '"' ||
	    name[len - 1] == '\''))
		len--;
	s = xstrndup(name, len);
	for (i = 0; i < len; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] += 32;
	}
	for (i = 0; cp1252[i] != NULL; i++) {
		if (strcmp(s, cp1252[i]) == 0) {
			free(s);
			return xstrdup("windows-1252");
		}
	}
	if (strcmp(s, "utf8") == 0) {
		free(s);
		return xstrdup("utf-8");
	}
	return s;
}

/* The encoding named in an XML declaration at the start of s, if any. */
static char *
encoding_declared(const char *s, size_t len)
{
	const char	*p, *end, *q;
	char		 quote;

	if (len < 6 || memcmp(s, "<?xml", 5) != 0)
		return NULL;
	end = memmem(s, len, "?>", 2);
	if (end == NULL)
		end = s + len;
	p = memmem(s, (size_t)(end - s), "encoding", 8);
	if (p == NULL)
		return NULL;
	p += 8;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r' || *p == '='))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return NULL;
	quote = *p++;
	q = memchr(p, quote, (size_t)(end - p));
	if (q == NULL || q - p > 40)
		return NULL;
	return encoding_normalize(p, (size_t)(q - p));
}

/*
 * Choose the encoding from the first bytes and open the converter.
 * Returns how many bytes of head to skip (a byte order mark).
 */
static size_t
encoding_decide(struct parse_input *pi)
{
	const unsigned char	*h = (const unsigned char *)pi->head.data;
	size_t			 n = pi->head.len, skip = 0;
	char			*name = NULL;
	iconv_t			 cd;

	pi->decided = 1;
	if (n >= 3 && h[0] == 0xef && h[1] == 0xbb && h[2] == 0xbf)
		return (pi->encoding = xstrdup("utf-8")), 3;
	if (n >= 4 && h[0] == 0xff && h[1] == 0xfe && !h[2] && !h[3])
		name = xstrdup("utf-32le"), skip = 4;
	else if (n >= 4 && !h[0] && !h[1] && h[2] == 0xfe && h[3] == 0xff)
		name = xstrdup("utf-32be"), skip = 4;
	else if (n >= 2 && h[0] == 0xff && h[1] == 0xfe)
		name = xstrdup("utf-16le"), skip = 2;
	else if (n >= 2 && h[0] == 0xfe && h[1] == 0xff)
		name = xstrdup("utf-16be"), skip = 2;
	else if (n >= 4 && h[0] == '<' && !h[1] && !h[2] && !h[3])
		name = xstrdup("utf-32le");
	else if (n >= 4 && !h[0] && !h[1] && !h[2] && h[3] == '<')
		name = xstrdup("utf-32be");
	else if (n >= 4 && h[0] == '<' && !h[1] && h[2] && !h[3])
		name = xstrdup("utf-16le");
	else if (n >= 4 && !h[0] && h[1] == '<' && !h[2] && h[3])
		name = xstrdup("utf-16be");	/* not a stray NUL before '<' */
	else {
		name = encoding_declared(pi->head.data, n);
		if (name == NULL && pi->hint != NULL)
			name = encoding_normalize(pi->hint, strlen(pi->hint));
		/* An ASCII-compatible document cannot be UTF-16 or -32. */
		if (name != NULL && (strncmp(name, "utf-16", 6) == 0 ||
		    strncmp(name, "utf-32", 6) == 0 ||
		    strncmp(name, "ucs-", 4) == 0)) {
			free(name);
			name = NULL;
		}
	}
	if (name == NULL || strcmp(name, "utf-8") == 0) {
		free(name);
		pi->encoding = xstrdup("utf-8");
		return skip;
	}
	pi->unit = strncmp(name, "utf-32", 6) == 0 ? 4 :
	    strncmp(name, "utf-16", 6) == 0 ? 2 : 1;
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1) {
		pi->warning = xasprintf("unknown encoding \"%s\", read as UTF-8",
		    name);
		free(name);
		pi->encoding = xstrdup("utf-8");
		pi->unit = 1;
		return skip;
	}
	pi->cd = (void *)cd;
	pi->encoding = name;
	return skip;
}

/*
 * Convert from the document's encoding to UTF-8 in pi->conv.  Bytes that
 * do not convert become U+FFFD; an incomplete character at the end waits
 * for the next chunk.
 */
static void
convert(struct parse_input *pi, const char *data, size_t len, int final)
{
	struct buf	 in;
	char		*ip, *op;
	size_t		 il, ol, r;

	buf_init(&in, BUF_UNLIMITED);
	buf_add(&in, pi->raw, pi->nraw);
	buf_add(&in, data, len);
	pi->nraw = 0;
	ip = in.data;
	il = in.len;
	while (il > 0) {
		buf_grow(&pi->conv, il * 4 + 16);
		op = pi->conv.data + pi->conv.len;
		ol = pi->conv.cap - pi->conv.len - 1;
		r = iconv((iconv_t)pi->cd, &ip, &il, &op, &ol);
		pi->conv.len = (size_t)(op - pi->conv.data);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && il < sizeof pi->raw) {
			memcpy(pi->raw, ip, il);
			pi->nraw = il;
			break;
		}
		put_cp(&pi->conv, TEXT_REPLACEMENT);
		r = il < pi->unit ? il : pi->unit;
		ip += r;
		il -= r;
	}
	if (pi->conv.data != NULL)
		pi->conv.data[pi->conv.len] = '\0';
	buf_free(&in);
}

/*
 * Run the UTF-8 text through the lexical repair, holding what must wait.
 * Returns the repaired text: data itself when it needed no repair.
 */
static const char *
repair(struct parse_input *pi, const char *data, size_t len, int final,
    size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)data;
	size_t			 used;
	int			 borrow = 1;

	if (pi->pend.len > 0) {
		buf_add(&pi->pend, data, len);
		p = (const unsigned char *)pi->pend.data;
		len = pi->pend.len;
		borrow = 0;	/* pend changes below */
	}
	used = lex(pi, p, len, final, &pi->out, &borrow);
	if (used < len) {
		struct buf	 rest;

		buf_init(&rest, BUF_UNLIMITED);
		buf_add(&rest, p + used, len - used);
		buf_free(&pi->pend);
		pi->pend = rest;
	} else
		buf_reset(&pi->pend);
	if (borrow) {
		*outlen = used;
		return data;
	}
	*outlen = pi->out.len;
	return buf_str(&pi->out);
}

/*
 * Feed len bytes of the document (final at the end).  Returns the
 * repaired UTF-8 (*outlen bytes), valid until the next call.
 */
const char *
parse_input_push(struct parse_input *pi, const char *data, size_t len,
    int final, size_t *outlen)
{
	size_t	 skip;

	buf_reset(&pi->out);
	*outlen = 0;
	if (pi->decided && pi->head.data != NULL)
		buf_free(&pi->head);
	if (!pi->decided) {
		buf_add(&pi->head, data, len);
		if (!final && pi->head.len < HEAD_MAX &&
		    (pi->head.len < 4 || memchr(pi->head.data, '>',
		    pi->head.len) == NULL))
			return "";
		skip = encoding_decide(pi);
		data = pi->head.data + skip;
		len = pi->head.len - skip;
	}
	if (pi->cd != NULL) {
		buf_reset(&pi->conv);
		convert(pi, data, len, final);
		data = buf_str(&pi->conv);
		len = pi->conv.len;
	}
	return repair(pi, data, len, final, outlen);
}
