/*
 * Article bodies as text.  html_parse() turns HTML (or plain text) into
 * blocks once; html_layout(doc, width, n) wraps them into at least n lines
 * (SIZE_MAX: all), resuming where it stopped, and starts again only for a
 * new width.  Lines are sanitised UTF-8 with attribute runs, valid until
 * the next html_layout() or html_mark().  Links are numbered [1].. after
 * their text, listed at the end, and html_link(doc, n) gives link n.
 */
#ifndef SSNEWS_HTML_H
#define SSNEWS_HTML_H

#include <stddef.h>
#include <stdint.h>

#define HTML_BOLD	0x01
#define HTML_ITALIC	0x02	/* shown underlined */
#define HTML_LINK	0x04
#define HTML_HEADING	0x08
#define HTML_QUOTE	0x10
#define HTML_PRE	0x20
#define HTML_MARK	0x40	/* matches a pattern given to html_mark() */

/* html_mark() flags. */
#define HTML_MARK_WORD	0x1	/* whole words; a trailing '*' is a prefix */
#define HTML_MARK_CASE	0x2	/* exact case (acronyms) instead of folded */

/* Runs cover a line's text in order: off and len are bytes. */
struct html_run {
	uint32_t	 off;
	uint32_t	 len;
	unsigned	 attr;
};

/*
 * One row of the article.  width is its columns: at most the layout
 * width, except HTML_PRE lines (never wrapped: the caller clips) and a
 * lone character wider than the width.
 */
struct html_line {
	const char		*text;		/* NUL-terminated */
	const struct html_run	*runs;
	uint32_t		 len;
	uint32_t		 nruns;
	int			 width;
	/* Where it starts in the document, the same at any width: lines
	 * in order have growing positions. */
	uint64_t		 pos;
};

struct html_doc;

struct html_doc	*html_parse(const char *, size_t, int, const char *);
size_t		 html_layout(struct html_doc *, int, size_t);
const struct html_line *html_line(struct html_doc *, size_t);
size_t		 html_find(struct html_doc *, uint64_t);
void		 html_mark(struct html_doc *, const char *, int);
size_t		 html_nlinks(const struct html_doc *);
const char	*html_link(const struct html_doc *, size_t);
void		 html_free(struct html_doc *);

#endif
