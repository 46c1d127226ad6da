/*
 * Scheduling and merging.  A feed is due reload-time minutes (its own or
 * the global one) after its last attempt, never before a Retry-After the
 * server gave; a manual reload ignores the interval but still honours
 * Retry-After.  A finished download is merged into the feed: new items
 * arrive unread, read state is kept, a failure keeps what was cached.
 */
#include "config.h"

#include <stdlib.h>

#include "feed.h"
#include "fetch.h"
#include "options.h"
#include "poller.h"
#include "topics.h"

/* Seconds between reloads of f. */
static time_t
interval(const struct feed *f)
{
	long long	 min = f->reload_time >= 0 ? f->reload_time :
			    options_number(OPT_RELOAD_TIME);

	return (time_t)min * 60;
}

/* Should f be fetched now?  forced: the user asked for it. */
int
poller_due(const struct feed *f, time_t now, int forced)
{
	if (f->flags & FEED_QUERY)
		return 0;
	if (f->retry_after != DATE_NONE && f->retry_after > now)
		return 0;
	if (forced || f->last_try == DATE_NONE || f->last_try == 0)
		return 1;
	return now >= f->last_try + interval(f);
}

/* When the next feed falls due (for the auto-reload timer). */
time_t
poller_next(const struct feedlist *fl, time_t now)
{
	time_t	 next = 0, t;
	size_t	 i;

	for (i = 0; i < fl->nfeeds; i++) {
		const struct feed	*f = fl->feeds[i];

		if (f->flags & FEED_QUERY)
			continue;
		t = f->last_try == DATE_NONE || f->last_try == 0 ? now :
		    f->last_try + interval(f);
		if (f->retry_after != DATE_NONE && f->retry_after > t)
			t = f->retry_after;
		if (next == 0 || t < next)
			next = t;
	}
	return next;
}

static void
take_validator(char **dst, char **src)
{
	if (*src == NULL)
		return;
	free(*dst);
	*dst = *src;
	*src = NULL;
}

/* Merge a download into its feed; returns the number of new items. */
size_t
poller_apply(struct fetch_result *r, time_t now)
{
	struct feed		*f = r->feed;
	struct merge_opts	 mo;
	long long		 days;
	size_t			 added = 0, i;

	f->last_try = now;
	f->retry_after = r->retry_after != 0 ? r->retry_after : DATE_NONE;
	f->flags |= FEED_DIRTY;
	if (r->moved_to != NULL)
		feed_set(&f->moved_to, r->moved_to);
	if (r->parsed != NULL) {
		mo.now = now;
		mo.max_items = (size_t)(f->max_items >= 0 ? f->max_items :
		    options_number(OPT_MAX_ITEMS));
		days = f->keep_days >= 0 ? f->keep_days :
		    options_number(OPT_KEEP_ARTICLES_DAYS);
		mo.cutoff = days > 0 ? now - (time_t)days * 86400 : 0;
		added = feed_merge(f, r->parsed, &mo);
		for (i = 0; i < f->nitems; i++) {
			struct item	*it = f->items[i];

			if (it->flags & (ITEM_NEW | ITEM_CHANGED))
				topics_item(it);
		}
	}
	feed_set(&f->error, r->error);
	if (r->error == NULL) {
		f->last_ok = now;
		take_validator(&f->etag, &r->etag);
		take_validator(&f->last_modified, &r->last_modified);
	}
	return added;
}
