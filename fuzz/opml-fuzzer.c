/* libFuzzer target: the OPML importer. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feed.h"
#include "log.h"
#include "opml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Refused feeds are reported as warnings: not worth printing here. */
static void
quiet(const char *msg)
{
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct feedlist	 fl;
	char		*cause = NULL;
	size_t		 added;

	log_set_sink(quiet);
	feedlist_init(&fl);
	(void)opml_import_buffer((const char *)data, len, &fl, &added,
	    &cause);
	feedlist_free(&fl);
	free(cause);
	return 0;
}
