/*
 * What html.c (public API, libxml2 SAX callbacks and parsing, links),
 * html-block.c (building blocks: text runs, prefixes, list markers,
 * white space) and html-layout.c (wrapping blocks into lines, marks)
 * share.  Nothing else includes this; it names no libxml2 type.
 */
#ifndef SSNEWS_HTML_INT_H
#define SSNEWS_HTML_INT_H

#include <stdint.h>

#include "buf.h"
#include "html.h"

#define HTML_TAGCACHE	31

enum kind {
	K_INLINE, K_A, K_BLOCK, K_PARA, K_HEADING, K_LIST, K_LI, K_DT, K_DD,
	K_QUOTE, K_PRE, K_TABLE, K_TR, K_CELL, K_BR, K_HR, K_IMG, K_SKIP
};

struct tag {
	const char	*name;
	enum kind	 kind;
	unsigned	 attr;
};

enum { B_TEXT, B_PRE, B_RULE };

/* A paragraph-like piece of the document; offsets are into doc->text. */
struct block {
	uint32_t	 off, len;
	uint32_t	 run, nruns;	/* in doc->runs, covering the text */
	uint32_t	 pfx, cpfx;	/* first-line and continuation prefix */
	uint16_t	 pfxlen, cpfxlen;
	uint16_t	 pfxw, cpfxw;
	uint8_t		 kind;
	uint8_t		 blank;		/* a blank line before */
};

struct pattern {
	char		*s;
	size_t		 len;
	int		 flags;
	int		 prefix;
};

struct chunk {
	struct chunk	*next;
	size_t		 used, size;
	char		 data[];
};

struct html_doc {
	/* Parsing goes on as layout needs more (html.c html_parse_more()). */
	struct parser	*parser;	/* NULL once the parse is complete */
	char		*src;		/* a copy of the input */
	size_t		 srclen, srcpos;

	struct buf	 text;
	struct block	*blocks;
	size_t		 nblocks, blockscap;
	struct html_run	*runs;
	size_t		 nruns, runscap;
	char		**links;
	size_t		 nlinks, linkscap;
	struct pattern	*pats;
	size_t		 npats;

	/* Layout so far, for width (0: none). */
	int		 width;
	struct html_line *lines;
	size_t		 nlines, linescap;
	struct chunk	*arena, *chunk;
	size_t		 blk, off, rcur, mcur;
	int		 started, first, usepfx;

	/* Scratch space for layout and marks. */
	struct buf	 lbuf, fold;
	struct html_run	*lruns;
	size_t		 nlruns, lrunscap;
	uint32_t	*map, *marks;
	size_t		 nmap, mapcap, nmarks, markscap;
};

/* An element that is open, with what it changed. */
struct frame {
	uint16_t	 tag;
	uint8_t		 used;		/* li: marker shown */
	uint8_t		 ordered;	/* list, li: numbered */
	uint8_t		 indent;	/* list: columns added; li: depth */
	uint8_t		 mw;		/* li: columns of its marker */
	unsigned	 attr;		/* inline attributes outside it */
	uint32_t	 link;		/* a: link number, 0 if none */
	int		 num;		/* ol: next number; li: its number;
					   a: blocks before it */
};

struct parser {
	struct html_doc	*doc;
	const char	*base;
	struct buf	 basebuf;
	void		*ctxt;		/* libxml2's push parser */
	struct frame	*frames;
	size_t		 nframes, framescap;
	size_t		*pstack;	/* frames that make prefixes */
	size_t		 npstack, pstackcap;
	struct buf	 cur, tmp, in, pf, pc;
	struct html_run	*runs;		/* of cur */
	size_t		 nruns, runscap;
	uint32_t	*lhash;		/* link number by hash of href */
	size_t		 lhashcap;
	unsigned	 attr, space_attr;
	int		 space, sep, blank, skip, pre, pre_start, pre_col;
	int		 cells, lists;
	size_t		 linkno;	/* building the Links: list */
	const unsigned char *cname[HTML_TAGCACHE];	/* libxml2's xmlChar */
	int		 ctag[HTML_TAGCACHE];
};

/* html.c */
extern const struct tag html_tags[];
int		 html_parse_more(struct html_doc *);

/* html-block.c */
void		 html_block_put_text(struct parser *, const char *, size_t,
		     unsigned);
void		 html_block_begin_text(struct parser *, int);
void		 html_block_add_flow(struct parser *, const char *, size_t);
void		 html_block_add_pre(struct parser *, const char *, size_t);
void		 html_block_soft_space(struct parser *);
void		 html_block_flush(struct parser *);
void		 html_block_break(struct parser *, int);
void		 html_block_line_break(struct parser *);
void		 html_block_rule(struct parser *);
void		 html_block_link_marker(struct parser *,
		     const struct frame *);

#endif
