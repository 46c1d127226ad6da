/* One story, several sources: grouping items that report the same news. */
#ifndef SSNEWS_DEDUPE_H
#define SSNEWS_DEDUPE_H

#include <stddef.h>

struct feed;
struct feedlist;
struct item;

void	dedupe_run(struct feedlist *);
size_t	dedupe_others(const struct item *, struct item **, size_t);
size_t	dedupe_sources(const struct item *, const struct feed **, size_t);
void	dedupe_free(void);

#endif
