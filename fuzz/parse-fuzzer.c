/*
 * libFuzzer target: the feed parser, fed in chunks whose sizes come from
 * the input itself (the first byte), as the network would feed it.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feed.h"
#include "parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct parser	*p;
	struct feed	*f;
	char		*cause = NULL;
	size_t		 chunk, off = 0;

	if (len == 0)
		return 0;
	chunk = (size_t)data[0] + 1;
	data++;
	len--;
	p = parse_new("http://example.org/feed.xml", NULL, NULL, NULL, NULL);
	while (off < len) {
		size_t	 n = len - off < chunk ? len - off : chunk;

		if (parse_push(p, (const char *)data + off, n) != 0)
			break;
		off += n;
	}
	f = parse_finish(p, &cause);
	parse_free(p);
	feed_free(f);
	free(cause);
	return 0;
}
