/*
 * A growable byte buffer with an owner and a limit (the shape of curl's
 * dynbuf).  The data is always NUL-terminated once anything was added.
 */
#ifndef SSNEWS_BUF_H
#define SSNEWS_BUF_H

#include <stddef.h>
#include <string.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;		/* allocated, including the NUL */
	size_t	 max;		/* largest len allowed */
};

#define BUF_UNLIMITED	((size_t)-1 / 2)

void	 buf_init(struct buf *, size_t);
int	 buf_grow(struct buf *, size_t);
int	 buf_addint(struct buf *, long long);
int	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

/* Append len bytes; -1 (and nothing added) when the limit would be passed. */
static inline int
buf_add(struct buf *b, const void *p, size_t len)
{
	if ((b->cap - b->len <= len || b->data == NULL) &&
	    buf_grow(b, len) == -1)
		return -1;
	if (len > 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

static inline int
buf_addc(struct buf *b, int c)
{
	char	 ch = (char)c;

	return buf_add(b, &ch, 1);
}

static inline int
buf_addstr(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

/* Forget the contents, keep the memory. */
static inline void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* The contents as a string; never NULL. */
static inline const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

#endif
