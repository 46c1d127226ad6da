/*
 * UTF-8 text handling.  Feed text is untrusted: text_clean() is the one
 * place that decides which characters may reach a terminal or an output
 * file, and text_fit()/text_wrap() are the only column counters.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "buf.h"
#include "swar.h"
#include "text.h"

static int	text_utf8 = 1;	/* can the terminal show UTF-8? */

/* Lower-case ASCII folding of U+00C0..U+017F; NULL keeps the character. */
static const char *const fold_latin[] = {
	/* U+00C0 */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", NULL,
	"o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", NULL,
	"o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c",
	"c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e",
	"e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i",
	"i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k",
	"k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n",
	"o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r",
	"r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u",
	"u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y",
	"y", "z", "z", "z", "z", "z", "z", "s",
};

void
text_set_utf8(int on)
{
	text_utf8 = on;
}

int
text_is_utf8(void)
{
	return text_utf8;
}

/*
 * Decode one character from s (len > 0 bytes).  A broken sequence decodes
 * as TEXT_INVALID (encoded back as U+FFFD) and consumes its maximal
 * subpart, as Unicode recommends: the lead byte and the continuation
 * bytes that could still have been part of a character, so "\xe2\x82x"
 * gives one replacement, then "x".
 */
size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	uint32_t		 c = u[0];
	size_t			 n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else {
		*cp = TEXT_INVALID;
		return 1;
	}
	/* The second byte's range narrows for some leads (table 3-7). */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	c &= n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07;
	for (i = 1; i < n; i++) {
		if (i >= len || u[i] < lo || u[i] > hi) {
			*cp = TEXT_INVALID;
			return i;
		}
		c = (c << 6) | (u[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = c;
	return n;
}

size_t
text_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c >= 0xd800 && c <= 0xdfff)
		c = TEXT_REPLACEMENT;
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c > 0x10ffff)
		return text_encode(TEXT_REPLACEMENT, out);
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * Characters that are never kept in feed text: C0 and C1 controls, DEL,
 * and the bidi embeddings, overrides and isolates that can reorder what a
 * reader sees (U+202A..U+202E, U+2066..U+2069).
 */
int
text_is_control(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return 1;
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/*
 * Characters dropped before drawing: the controls above plus invisible
 * format characters (marks, zero-width characters, soft hyphen, BOM,
 * interlinear annotation, tags) that could hide or disguise text.
 */
int
text_is_invisible(uint32_t c)
{
	if (text_is_control(c))
		return 1;
	switch (c) {
	case 0x00ad: case 0x034f: case 0x061c: case 0x115f: case 0x1160:
	case 0x17b4: case 0x17b5: case 0x180e: case 0x3164: case 0xfeff:
	case 0xffa0:
		return 1;
	}
	return (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x206f) ||
	    (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xe0000 && c <= 0xe007f);
}

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v' || c == 0xa0 || c == 0x2028 ||
	    c == 0x2029 || c == 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

/* Display columns of one (clean) character. */
int
text_cpwidth(uint32_t c)
{
	int	 w;

	if (c < 0x7f)
		return c >= 0x20;
	if (!text_utf8)
		return 1;	/* shown as one ASCII character */
	w = wcwidth((wchar_t)c);
	if (w < 0)
		return 1;	/* unassigned here: the terminal shows one cell */
	return w > 2 ? 2 : w;
}

/*
 * Lead bytes of the only non-ASCII characters that text_clean() may
 * change: C1 controls, spaces and format characters (U+0080..U+00BF,
 * U+034F, U+061C, U+115F.., U+2000..U+206F, U+3000.., U+FEFF.., tags).
 */
static int
lead_matters(unsigned char c)
{
	return c == 0xc2 || c == 0xcd || c == 0xd8 || c == 0xe1 ||
	    c == 0xe2 || c == 0xe3 || c == 0xef || c == 0xf3;
}

/*
 * The length of the longest prefix of s that text_clean() would keep as
 * it is: valid UTF-8 without controls (TAB and LF allowed unless
 * TEXT_ONELINE), without other spaces than ' ' (TEXT_ONELINE) and without
 * invisible characters (TEXT_DISPLAY).  Writers copy such spans whole.
 */
size_t
text_span(const char *s, size_t len, int flags)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 i = 0, n;
	int			 oneline = flags & TEXT_ONELINE;

	while (i < len) {
		i += scan_bytes(u + i, len - i, 0x7f, -1, -1,
		    SCAN_CTL | SCAN_WS | SCAN_HIGH);
		if (i >= len)
			break;
		if (u[i] < 0x80) {
			if (oneline || (u[i] != '\n' && u[i] != '\t'))
				return i;
			i++;
			continue;
		}
		if (!lead_matters(u[i])) {
			/* Only check the sequence is well formed. */
			n = u[i] < 0xe0 ? 2 : u[i] < 0xf0 ? 3 : 4;
			if (u[i] >= 0xc2 && u[i] <= 0xf4 && i + n <= len &&
			    (u[i + 1] & 0xc0) == 0x80 && (n < 3 ||
			    (u[i + 2] & 0xc0) == 0x80) && (n < 4 ||
			    (u[i + 3] & 0xc0) == 0x80) &&
			    !(u[i] == 0xe0 && u[i + 1] < 0xa0) &&
			    !(u[i] == 0xed && u[i + 1] > 0x9f) &&
			    !(u[i] == 0xf0 && u[i + 1] < 0x90) &&
			    !(u[i] == 0xf4 && u[i + 1] > 0x8f)) {
				i += n;
				continue;
			}
		}
		n = text_decode(s + i, len - i, &c);
		if (c == TEXT_INVALID)
			return i;
		if (text_is_control(c) || (oneline && is_space(c)) ||
		    ((flags & TEXT_DISPLAY) && text_is_invisible(c)))
			return i;
		i += n;
	}
	return i;
}

/* Would text_clean() change s? */
int
text_needs_clean(const char *s, size_t len, int flags)
{
	size_t	 i;

	if ((flags & TEXT_ONELINE) && len > 0 &&
	    (s[0] == ' ' || s[len - 1] == ' '))
		return 1;
	if (text_span(s, len, flags) != len)
		return 1;
	if (flags & TEXT_ONELINE) {
		for (i = 0; i + 1 < len; i++) {
			if (s[i] == ' ' && s[i + 1] == ' ')
				return 1;
		}
	}
	return 0;
}

/*
 * Append a sanitised copy of s to out: invalid UTF-8 becomes U+FFFD,
 * controls (except tab and newline in multi-line text) are removed, and
 * with TEXT_DISPLAY invisible characters go too.  TEXT_ONELINE turns every
 * run of white space into one space and trims both ends.
 */
void
text_clean(struct buf *out, const char *s, size_t len, int flags)
{
	char		 enc[4];
	uint32_t	 c;
	size_t		 i, n, start = out->len;
	int		 pending_space = 0;

	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f &&
		    s[i] != ' ') {
			if (pending_space) {
				buf_addc(out, ' ');
				pending_space = 0;
			}
			buf_addc(out, s[i]);
			n = 1;
			continue;
		}
		n = text_decode(s + i, len - i, &c);
		if ((flags & TEXT_ONELINE) && is_space(c)) {
			pending_space = out->len > start;
			continue;
		}
		if (c == '\r')
			continue;
		if (text_is_control(c) && c != '\n' && c != '\t')
			continue;
		if ((flags & TEXT_DISPLAY) && text_is_invisible(c) &&
		    c != '\n' && c != '\t')
			continue;
		if (pending_space) {
			buf_addc(out, ' ');
			pending_space = 0;
		}
		buf_add(out, enc, text_encode(c, enc));
	}
}

/* Columns needed to show s (after cleaning for display). */
int
text_width(const char *s)
{
	uint32_t	 c;
	size_t		 len = strlen(s), i, n;
	int		 w = 0;

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &c);
		if (!text_is_invisible(c))
			w += text_cpwidth(c);
	}
	return w;
}

/* Append one character as the terminal can show it; returns its width. */
static int
put_char(struct buf *out, uint32_t c)
{
	char	 enc[4];

	if (c < 0x80 || text_utf8) {
		buf_add(out, enc, text_encode(c, enc));
		return text_cpwidth(c);
	}
	if (c >= 0xc0 && c <= 0x17f && fold_latin[c - 0xc0] != NULL) {
		buf_addc(out, fold_latin[c - 0xc0][0] ^
		    (iswupper((wint_t)c) ? 0x20 : 0));
		return 1;
	}
	buf_addc(out, '?');
	return 1;
}

/*
 * Append s cut to at most cols columns for display: sanitised, one line,
 * an ellipsis where it was cut; with pad, filled with spaces to cols.
 * Returns the columns used.
 */
int
text_fit(struct buf *out, const char *s, int cols, int pad)
{
	const char	*ell = text_utf8 ? "\xe2\x80\xa6" : "~";
	uint32_t	 c;
	size_t		 len = strlen(s), i, n, cut = out->len;
	int		 w = 0, wcut = 0, cw, space = 0;

	if (cols <= 0)
		return 0;
	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &c);
		if (is_space(c)) {
			space = w > 0;
			continue;
		}
		if (text_is_invisible(c))
			continue;
		cw = text_cpwidth(c) + space;
		if (w + cw > cols) {
			/* Cut where the ellipsis still fits. */
			if (w + 1 <= cols) {
				cut = out->len;
				wcut = w;
			}
			out->len = cut;
			out->data[cut] = '\0';
			buf_addstr(out, ell);
			w = wcut + 1;
			break;
		}
		if (w + 1 <= cols) {
			cut = out->len;
			wcut = w;
		}
		if (space) {
			buf_addc(out, ' ');
			w++;
			space = 0;
			if (w + 1 <= cols) {
				cut = out->len;
				wcut = w;
			}
		}
		w += put_char(out, c);
	}
	while (pad && w < cols) {
		buf_addc(out, ' ');
		w++;
	}
	return w;
}

/*
 * Append at most cols columns of s[0..len) for display, keeping spaces
 * (indentation, preformatted text) but dropping invisible characters.
 * Returns the columns used.
 */
int
text_clip(struct buf *out, const char *s, size_t len, int cols)
{
	uint32_t	 c;
	size_t		 i, n;
	int		 w = 0, cw;

	for (i = 0; i < len && w < cols; i += n) {
		n = text_decode(s + i, len - i, &c);
		if (c == '\t')
			c = ' ';
		if (text_is_invisible(c))
			continue;
		cw = text_cpwidth(c);
		if (w + cw > cols)
			break;
		w += put_char(out, c);
	}
	return w;
}

/*
 * How many bytes of s make its next line when wrapped at cols columns:
 * up to a newline, else after the last space that fits, else as much as
 * fits.  *width gets the columns of that line.  The caller skips one
 * newline or the spaces that follow.
 */
size_t
text_wrap(const char *s, int cols, int *width)
{
	return text_wrapn(s, strlen(s), cols, width);
}

/*
 * The same within the first len bytes of s: a long block of text costs
 * its length once, not once per line.
 */
size_t
text_wrapn(const char *s, size_t len, int cols, int *width)
{
	uint32_t	 c;
	size_t		 i, n, brk = 0;
	int		 w = 0, wbrk = 0, cw;

	if (cols < 1)
		cols = 1;
	for (i = 0; i < len; i += n) {
		c = (unsigned char)s[i];
		if (c < 0x80) {		/* most text: no decoding */
			n = 1;
			cw = c >= 0x20 && c != 0x7f;
		} else {
			n = text_decode(s + i, len - i, &c);
			cw = text_is_invisible(c) ? 0 : text_cpwidth(c);
		}
		if (c == '\n')
			break;
		if (c == ' ' || c == '\t') {
			brk = i;
			wbrk = w;
			cw = 1;
		}
		if (w + cw > cols) {
			if (brk > 0) {
				i = brk;
				w = wbrk;
			} else if (i == 0) {
				i = n;	/* wider than the whole line */
				w = cw;
			}
			break;
		}
		w += cw;
	}
	if (width != NULL)
		*width = w;
	return i;
}

/*
 * Append a form of s for matching: lower case, accents removed
 * (é→e, ß→ss, œ→oe), typographic apostrophes and dashes made ASCII,
 * all white space as single spaces.
 */
void
text_fold(struct buf *out, const char *s, size_t len)
{
	char		 enc[4];
	uint32_t	 c;
	size_t		 i, n;
	int		 space = 0;

	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			c = (unsigned char)s[i];
			if (is_space(c)) {
				space = 1;
				continue;
			}
			if (space) {
				buf_addc(out, ' ');
				space = 0;
			}
			buf_addc(out, c >= 'A' && c <= 'Z' ? (int)c + 32 :
			    (int)c);
			continue;
		}
		n = text_decode(s + i, len - i, &c);
		if (is_space(c)) {
			space = 1;
			continue;
		}
		if (text_is_invisible(c))
			continue;
		if (space) {
			buf_addc(out, ' ');
			space = 0;
		}
		if (c >= 0xc0 && c <= 0x17f && fold_latin[c - 0xc0] != NULL) {
			buf_addstr(out, fold_latin[c - 0xc0]);
			continue;
		}
		if (c == 0x2018 || c == 0x2019 || c == 0x02bc || c == 0x2032)
			c = '\'';
		else if (c >= 0x2010 && c <= 0x2015)
			c = '-';
		else
			c = (uint32_t)towlower((wint_t)c);
		buf_add(out, enc, text_encode(c, enc));
	}
}

/* Does haystack contain needle, compared folded?  Both are UTF-8. */
int
text_casestr(const char *haystack, const char *needle)
{
	struct buf	 h, n;
	int		 found;

	buf_init(&h, BUF_UNLIMITED);
	buf_init(&n, BUF_UNLIMITED);
	text_fold(&h, haystack, strlen(haystack));
	text_fold(&n, needle, strlen(needle));
	found = strstr(buf_str(&h), buf_str(&n)) != NULL;
	buf_free(&h);
	buf_free(&n);
	return found;
}
