/* libFuzzer target: the article renderer, laid out at a few widths. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "html.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct html_doc	*d;
	int		 width;

	if (len == 0)
		return 0;
	width = data[0] % 120;
	d = html_parse((const char *)data + 1, len - 1, data[0] & 1,
	    "http://example.org/a/b.html");
	html_mark(d, "pension*", HTML_MARK_WORD);
	html_layout(d, width, SIZE_MAX);
	html_layout(d, width / 2 + 1, 50);
	html_free(d);
	return 0;
}
