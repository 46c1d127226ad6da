/* The urls file: the list of feeds, in newsboat's format. */
#ifndef SSNEWS_URLS_H
#define SSNEWS_URLS_H

#include <stddef.h>

struct buf;
struct feed;
struct feedlist;

extern const char urls_builtin[];	/* data/sources.urls */

int	urls_allowed(const char *);
int	urls_parse(const char *, const char *, size_t, struct feedlist *,
	    char **);
int	urls_load(const char *, struct feedlist *, char **);
int	urls_load_builtin(struct feedlist *, char **);
void	urls_format(struct buf *, const struct feed *);

#endif
