/*
 * Bounded growable buffers.  Growth doubles, so appending n bytes one at a
 * time costs O(n); the limit is checked before anything is copied.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "xmalloc.h"

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

/* Make room for len more bytes plus the NUL. */
int
buf_grow(struct buf *b, size_t len)
{
	size_t	 need, cap;

	if (len > b->max || b->len > b->max - len)
		return -1;
	need = b->len + len + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xreallocarray(b->data, cap, 1);
	b->cap = cap;
	return 0;
}

/* A decimal number, without printf's cost (it runs once per field). */
int
buf_addint(struct buf *b, long long v)
{
	char			 tmp[24], *p = tmp + sizeof tmp;
	unsigned long long	 u;

	u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) == -1)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

/*
 * Hand the contents to the caller (never NULL) and leave the buffer
 * empty.  What is taken is usually kept, so much spare room is given back.
 */
char *
buf_take(struct buf *b)
{
	char	*p;

	if (b->data == NULL)
		p = xstrdup("");
	else if (b->cap - b->len > 64 && b->cap > 2 * (b->len + 1))
		p = xreallocarray(b->data, b->len + 1, 1);	/* kept long */
	else
		p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
