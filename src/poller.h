/* When feeds are due, and what a finished download does to the model. */
#ifndef SSNEWS_POLLER_H
#define SSNEWS_POLLER_H

#include <stddef.h>
#include <time.h>

struct feed;
struct feedlist;
struct fetch_result;

int	 poller_due(const struct feed *, time_t, int);
time_t	 poller_next(const struct feedlist *, time_t);
size_t	 poller_apply(struct fetch_result *, time_t);

#endif
