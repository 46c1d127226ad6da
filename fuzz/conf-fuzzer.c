/*
 * libFuzzer target: the configuration and urls parsers (the first byte
 * chooses which); includes are not followed from fuzz input.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "feed.h"
#include "keys.h"
#include "options.h"
#include "theme.h"
#include "urls.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct feedlist	 fl;
	char		*s, *cause = NULL;

	if (len == 0)
		return 0;
	s = malloc(len);
	if (s == NULL)
		return 0;
	memcpy(s, data + 1, len - 1);
	s[len - 1] = '\0';
	if (data[0] & 1) {
		options_init();
		theme_init();
		if (strstr(s, "include") == NULL)
			(void)conf_parse("fuzz", s, &cause);
		keys_free();
		options_free();
	} else {
		feedlist_init(&fl);
		(void)urls_parse("fuzz", s, len - 1, &fl, &cause);
		feedlist_free(&fl);
	}
	free(cause);
	free(s);
	return 0;
}
