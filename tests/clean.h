/*
 * What the parser's tests check of every string that can reach a
 * terminal: valid UTF-8 and no control character.  Included by the test
 * programs that need it, after check.h.
 */
#ifndef SSNEWS_TESTS_CLEAN_H
#define SSNEWS_TESTS_CLEAN_H

#include <stdint.h>
#include <string.h>

/* Is s valid UTF-8 (no overlongs, surrogates or values past U+10FFFF)? */
static int
utf8_valid(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	int			 n, i;

	while (*u != '\0') {
		if (*u < 0x80) {
			u++;
			continue;
		}
		if (*u >= 0xc2 && *u <= 0xdf)
			n = 1, c = *u & 0x1f;
		else if (*u >= 0xe0 && *u <= 0xef)
			n = 2, c = *u & 0x0f;
		else if (*u >= 0xf0 && *u <= 0xf4)
			n = 3, c = *u & 0x07;
		else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((u[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (u[i] & 0x3f);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
			return 0;
		u += n + 1;
	}
	return 1;
}

/*
 * Is there a forbidden character at u: ESC, DEL, a C1 control (U+0080..
 * 9F), or a bidi embedding, override or isolate (U+202A..E, U+2066..9)?
 * Other C0 controls are checked by the callers, which allow some.
 */
static int
bad_char(const unsigned char *u, size_t left)
{
	if (u[0] == 0x7f || u[0] == 0x1b)
		return 1;
	if (left >= 2 && u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)
		return 1;
	if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0xaa &&
	    u[2] <= 0xae)
		return 1;
	return left >= 3 && u[0] == 0xe2 && u[1] == 0x81 && u[2] >= 0xa6 &&
	    u[2] <= 0xa9;
}

/* A string of the model: valid UTF-8 without a control character (but
 * newlines and tabs when multiline). */
static void
check_clean(const char *ctx, const char *s, int multiline)
{
	size_t	 i, len;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i++) {
		const unsigned char	*u = (const unsigned char *)s + i;

		if ((*u < 0x20 && !(multiline && (*u == '\n' || *u == '\t'))) ||
		    bad_char(u, len - i))
			break;
	}
	CHECK(i == len, "%s: control character at byte %zu of \"%.80s\"",
	    ctx, i, s);
	CHECK(utf8_valid(s), "%s: invalid UTF-8 in \"%.80s\"", ctx, s);
}

#endif
