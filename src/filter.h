/*
 * The filter language of query feeds, the F prompt and --filter: a
 * newsboat-style expression over item attributes, parsed once into a
 * small program and then matched against many items.
 */
#ifndef SSNEWS_FILTER_H
#define SSNEWS_FILTER_H

#include <time.h>

struct filter;
struct item;

/*
 * What an expression is evaluated against.  content, if not NULL, gives
 * the item's text (summary and content), loading it from the store if
 * needed; the text need only stay valid until the next call.
 */
struct filter_env {
	time_t		  now;		/* for age */
	const char	*(*content)(struct item *, void *);
	void		 *arg;		/* passed to content */
};

/*
 * Parse expr.  On error return NULL and, if cause is not NULL, set it to
 * an allocated, translated "column N: message" (N counts characters from
 * 1); the message may quote parts of expr, so display it cleaned.
 */
struct filter	*filter_parse(const char *expr, char **cause);

/*
 * 1 if the item matches, else 0.  env may be NULL (now is then the
 * current time); with no content callback the item's own summary and
 * content are used.  Not reentrant for one filter: a filter keeps a
 * scratch buffer, so do not match with the same filter from two threads.
 */
int		 filter_match(const struct filter *, struct item *,
		    const struct filter_env *);

/* Whether matching reads the item's text, which may need the store. */
int		 filter_needs_content(const struct filter *);

void		 filter_free(struct filter *);

#endif
