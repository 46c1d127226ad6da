/* libFuzzer target: the filter language, parsed and matched. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "filter.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct filter	*f;
	struct feed	*feed;
	struct item	 d, *it;
	char		*s, *cause = NULL;

	s = malloc(len + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	f = filter_parse(s, &cause);
	if (f != NULL) {
		feed = feed_new("http://example.org/feed");
		memset(&d, 0, sizeof d);
		d.id = "1";
		d.title = "Pension reform: retirement age rises";
		d.published = d.updated = d.seen = 1700000000;
		d.flags = ITEM_UNREAD;
		it = item_pack(&d);
		feed_add_item(feed, it);
		(void)filter_match(f, it, NULL);
		filter_free(f);
		feed_free(feed);
	}
	free(cause);
	free(s);
	return 0;
}
