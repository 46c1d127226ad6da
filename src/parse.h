/*
 * The feed parser: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 bytes in, a feed
 * and its items out.  It is a push parser: feed it chunks as they arrive.
 * No network, no global state: safe to run many at once and to fuzz.
 */
#ifndef SSNEWS_PARSE_H
#define SSNEWS_PARSE_H

#include <stddef.h>

struct feed;
struct item;

struct parse_limits {
	size_t		 max_body;	/* bytes of input */
	size_t		 max_items;
	size_t		 max_field;	/* bytes of one element's text */
	unsigned	 max_depth;	/* element nesting */
};

#define PARSE_MAX_BODY	(32u << 20)
#define PARSE_MAX_ITEMS	100000u
#define PARSE_MAX_FIELD	(1u << 20)
#define PARSE_MAX_DEPTH	256u

/* Called for each complete item, which the callee then owns. */
typedef void (*parse_item_cb)(void *, struct feed *, struct item *);

struct parser;

const char	*parse_version(void);
void		 parse_limits_default(struct parse_limits *);
struct parser	*parse_new(const char *, const char *,
		    const struct parse_limits *, parse_item_cb, void *);
int		 parse_push(struct parser *, const char *, size_t);
struct feed	*parse_finish(struct parser *, char **);
void		 parse_free(struct parser *);
struct feed	*parse_buffer(const char *, size_t, const char *, char **);

#endif
