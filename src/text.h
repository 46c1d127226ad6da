/*
 * UTF-8 text: decoding, sanitising untrusted strings, display width,
 * truncation, wrapping and accent folding.  Nothing else in ssnews counts
 * columns.
 */
#ifndef SSNEWS_TEXT_H
#define SSNEWS_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct buf;

#define TEXT_REPLACEMENT	0xFFFDu
#define TEXT_INVALID		0x110000u	/* a broken sequence */

/* text_clean() flags. */
#define TEXT_ONELINE	0x1	/* whitespace runs become one space, trimmed */
#define TEXT_DISPLAY	0x2	/* also drop invisible and format characters */

void	 text_set_utf8(int);
int	 text_is_utf8(void);
size_t	 text_decode(const char *, size_t, uint32_t *);
size_t	 text_encode(uint32_t, char *);
int	 text_is_control(uint32_t);
int	 text_is_invisible(uint32_t);
int	 text_cpwidth(uint32_t);
void	 text_clean(struct buf *, const char *, size_t, int);
int	 text_needs_clean(const char *, size_t, int);
size_t	 text_span(const char *, size_t, int);
int	 text_width(const char *);
int	 text_fit(struct buf *, const char *, int, int);
int	 text_clip(struct buf *, const char *, size_t, int);
size_t	 text_wrap(const char *, int, int *);
size_t	 text_wrapn(const char *, size_t, int, int *);
void	 text_fold(struct buf *, const char *, size_t);
int	 text_casestr(const char *, const char *);

#endif
