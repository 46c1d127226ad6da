/*
 * Building the blocks of an article: text runs with their attributes,
 * white space collapsed as in CSS normal flow, preformatted text, the
 * prefixes that quotes and list markers give a block, and the [n] after
 * a link.  The SAX callbacks in html.c drive these.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "html-int.h"
#include "html.h"
#include "text.h"
#include "xmalloc.h"

#define HTML_TEXT_MAX	(1u << 30)	/* bytes of text kept, for uint32_t */
#define HTML_PFX_MAX	64		/* bytes of a block's prefix */
#define HTML_TAB	8

static void	 add_spaces(struct buf *, int);
static void	 block_prefix(struct parser *, struct block *);
static void	 prefix_store(struct parser *, struct block *);
static void	 add_block(struct parser *, int);

/* Append to the block being built, extending the last run if it can. */
void
html_block_put_text(struct parser *p, const char *s, size_t n, unsigned attr)
{
	struct html_run	*r;

	if (n == 0)
		return;
	r = p->nruns > 0 ? &p->runs[p->nruns - 1] : NULL;
	if (r != NULL && r->attr == attr && r->off + r->len == p->cur.len)
		r->len += (uint32_t)n;
	else {
		ARRAY_RESERVE(p->runs, p->nruns, p->runscap);
		r = &p->runs[p->nruns++];
		r->off = (uint32_t)p->cur.len;
		r->len = (uint32_t)n;
		r->attr = attr;
	}
	buf_add(&p->cur, s, n);
}

/* Before visible text: the pending cell separator, then the space. */
void
html_block_begin_text(struct parser *p, int space)
{
	if (p->sep) {
		/* cur has text: on_open() */
		html_block_put_text(p, " | ", 3, 0);
		p->sep = p->space = 0;
	}
	if (space && p->space)
		html_block_put_text(p, " ", 1, p->space_attr & p->attr);
	if (space)
		p->space = 0;
}

/* White space: one space before the next text, none at a line start. */
void
html_block_soft_space(struct parser *p)
{
	if (p->cur.len == 0 || p->cur.data[p->cur.len - 1] == '\n' ||
	    p->space)
		return;
	p->space = 1;
	p->space_attr = p->attr;
}

/* Text in normal flow: white space collapses to one pending space. */
void
html_block_add_flow(struct parser *p, const char *s, size_t n)
{
	size_t	 i = 0, j;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			html_block_soft_space(p);
			i++;
			continue;
		}
		for (j = i; j < n && s[j] != ' ' && s[j] != '\n' &&
		    s[j] != '\t'; j++)
			;
		html_block_begin_text(p, 1);
		html_block_put_text(p, s + i, j - i, p->attr);
		i = j;
	}
}

/* Preformatted text: kept as it is, tabs expanded to columns. */
void
html_block_add_pre(struct parser *p, const char *s, size_t n)
{
	static const char	 spaces[HTML_TAB] = "        ";
	uint32_t		 c;
	size_t			 i, j, k;
	int			 w;

	if (p->pre_start && n > 0 && s[0] == '\n') {
		s++;
		n--;
	}
	p->pre_start = 0;
	html_block_begin_text(p, 0);
	for (i = 0; i < n; i = j) {
		j = i + 1;
		if (s[i] == '\n') {
			html_block_put_text(p, "\n", 1, p->attr);
			p->pre_col = 0;
			continue;
		}
		if (s[i] == '\t') {
			w = HTML_TAB - p->pre_col % HTML_TAB;
			html_block_put_text(p, spaces, (size_t)w, p->attr);
			p->pre_col += w;
			continue;
		}
		for (j = i; j < n && s[j] != '\n' && s[j] != '\t'; j += k) {
			k = text_decode(s + j, n - j, &c);
			p->pre_col += text_cpwidth(c);
		}
		html_block_put_text(p, s + i, j - i, p->attr);
	}
}

static void
add_spaces(struct buf *b, int n)
{
	static const char	 spaces[16] = "                ";

	for (; n > 0; n -= (int)sizeof spaces)
		buf_add(b, spaces, n < (int)sizeof spaces ? (size_t)n :
		    sizeof spaces);
}

/*
 * The prefixes of a block from the open quotes and lists: the first line
 * carries the list markers not shown yet, the others as many spaces.
 */
static void
block_prefix(struct parser *p, struct block *b)
{
	static const char *const bullets[2][3] = {
		{ "* ", "- ", "+ " },
		{ "\xe2\x80\xa2 ", "\xe2\x97\xa6 ", "\xe2\x96\xaa " }
	};
	struct frame	*f;
	size_t		 i, mark;
	int		 w;

	if (p->npstack == 0 && p->linkno == 0)
		return;		/* no prefix: all zero */
	buf_reset(&p->pf);
	buf_reset(&p->pc);
	if (p->linkno > 0) {
		buf_addf(&p->pf, "[%zu] ", p->linkno);
		add_spaces(&p->pc, (int)p->pf.len);
	}
	for (i = 0; i < p->npstack && p->pf.len < HTML_PFX_MAX &&
	    p->pc.len < HTML_PFX_MAX; i++) {
		f = &p->frames[p->pstack[i]];
		switch (html_tags[f->tag].kind) {
		case K_QUOTE:
			buf_addstr(&p->pf, "> ");
			buf_addstr(&p->pc, "> ");
			break;
		case K_LIST:
		case K_DD:
			w = html_tags[f->tag].kind == K_DD ? 4 : f->indent;
			add_spaces(&p->pf, w);
			add_spaces(&p->pc, w);
			break;
		default:	/* K_LI */
			if (f->used)
				add_spaces(&p->pf, f->mw);
			else {
				mark = p->pf.len;
				if (f->ordered)
					buf_addf(&p->pf, "%d. ", f->num);
				else
					buf_addstr(&p->pf, bullets[
					    text_is_utf8() ? 1 : 0][f->indent %
					    3]);
				f->mw = (uint8_t)text_width(p->pf.data + mark);
				f->used = 1;
			}
			add_spaces(&p->pc, f->mw);
			break;
		}
	}
	prefix_store(p, b);
}

/* Keep a block's prefixes, sharing them with the block before if equal. */
static void
prefix_store(struct parser *p, struct block *b)
{
	struct html_doc	*d = p->doc;
	const struct block *prev;

	prev = d->nblocks > 1 ? &d->blocks[d->nblocks - 2] : NULL;
	b->pfxlen = (uint16_t)p->pf.len;
	b->cpfxlen = (uint16_t)p->pc.len;
	b->pfxw = (uint16_t)text_width(buf_str(&p->pf));
	b->cpfxw = (uint16_t)text_width(buf_str(&p->pc));
	if (prev != NULL && prev->cpfxlen == b->cpfxlen &&
	    memcmp(d->text.data + prev->cpfx, buf_str(&p->pc),
	    b->cpfxlen) == 0)
		b->cpfx = prev->cpfx;
	else {
		b->cpfx = (uint32_t)d->text.len;
		buf_add(&d->text, buf_str(&p->pc), p->pc.len);
	}
	if (b->pfxlen == b->cpfxlen && memcmp(buf_str(&p->pf),
	    buf_str(&p->pc), b->pfxlen) == 0)
		b->pfx = b->cpfx;
	else {
		b->pfx = (uint32_t)d->text.len;
		buf_add(&d->text, buf_str(&p->pf), p->pf.len);
	}
}

/* Keep the block being built, with its runs and prefixes, and reset. */
static void
add_block(struct parser *p, int kind)
{
	struct html_doc	*d = p->doc;
	struct block	*b;
	size_t		 i;

	if (d->text.len + p->cur.len + 2 * HTML_PFX_MAX + 64 > HTML_TEXT_MAX)
		goto out;
	ARRAY_RESERVE(d->blocks, d->nblocks, d->blockscap);
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = (uint8_t)kind;
	b->blank = p->blank && d->nblocks > 1;
	/* Before the text: see html_block_link_marker(). */
	block_prefix(p, b);
	b->off = (uint32_t)d->text.len;
	b->len = (uint32_t)p->cur.len;
	if (p->cur.len > 0)
		buf_add(&d->text, p->cur.data, p->cur.len);
	b->run = (uint32_t)d->nruns;
	b->nruns = (uint32_t)p->nruns;
	for (i = 0; i < p->nruns; i++) {
		ARRAY_RESERVE(d->runs, d->nruns, d->runscap);
		d->runs[d->nruns++] = p->runs[i];
	}
out:
	p->blank = 0;
	buf_reset(&p->cur);
	p->nruns = 0;
	p->space = p->sep = p->pre_col = 0;
}

/* End the block being built; trailing white space goes, empty ones too. */
void
html_block_flush(struct parser *p)
{
	size_t	 n = p->cur.len;

	while (n > 0 && (p->cur.data[n - 1] == ' ' ||
	    p->cur.data[n - 1] == '\n'))
		n--;
	while (p->nruns > 0 && p->runs[p->nruns - 1].off >= n)
		p->nruns--;
	if (p->nruns > 0)
		p->runs[p->nruns - 1].len = (uint32_t)n -
		    p->runs[p->nruns - 1].off;
	if (n == 0) {
		buf_reset(&p->cur);
		p->space = p->sep = p->pre_col = 0;
		return;
	}
	p->cur.len = n;
	p->cur.data[n] = '\0';
	add_block(p, p->pre > 0 && p->cells == 0 ? B_PRE : B_TEXT);
}

/* A block starts or ends: a new line (a space inside a table cell). */
void
html_block_break(struct parser *p, int margin)
{
	if (p->cells > 0) {
		html_block_soft_space(p);
		return;
	}
	html_block_flush(p);
	if (margin)
		p->blank = 1;
}

/* <br>: a newline in the block, two at most in a row. */
void
html_block_line_break(struct parser *p)
{
	size_t	 n = p->cur.len;

	if (p->cells > 0) {
		html_block_soft_space(p);
		return;
	}
	p->pre_start = 0;
	if (p->pre > 0) {
		html_block_add_pre(p, "\n", 1);
		return;
	}
	p->space = 0;
	if (n == 0) {
		if (p->doc->nblocks > 0)
			p->blank = 1;	/* a <br> between blocks */
		return;
	}
	if (n >= 2 && p->cur.data[n - 1] == '\n' && p->cur.data[n - 2] == '\n')
		return;			/* one blank line at most */
	html_block_put_text(p, "\n", 1, 0);
}

/* <hr>: a block of its own, drawn across the width at layout. */
void
html_block_rule(struct parser *p)
{
	if (p->cells > 0) {
		html_block_soft_space(p);
		return;
	}
	html_block_flush(p);
	add_block(p, B_RULE);
}

/*
 * The [n] after a link's text.  A link around whole blocks gets it at the
 * end of the last one, which is the last text stored.
 */
void
html_block_link_marker(struct parser *p, const struct frame *f)
{
	struct html_doc	*d = p->doc;
	struct block	*b = d->nblocks > 0 ? &d->blocks[d->nblocks - 1] : NULL;
	struct html_run	*r;

	buf_reset(&p->tmp);
	buf_addf(&p->tmp, "[%u]", (unsigned)f->link);
	if (p->cur.len > 0 || b == NULL || (size_t)f->num >= d->nblocks ||
	    b->kind != B_TEXT || b->off + b->len != d->text.len ||
	    b->nruns == 0 || b->run + b->nruns != d->nruns) {
		html_block_begin_text(p, 0);
		html_block_put_text(p, p->tmp.data, p->tmp.len, p->attr);
		return;
	}
	r = &d->runs[d->nruns - 1];
	if (r->attr == p->attr)
		r->len += (uint32_t)p->tmp.len;
	else {
		ARRAY_RESERVE(d->runs, d->nruns, d->runscap);
		r = &d->runs[d->nruns++];
		r->off = b->len;
		r->len = (uint32_t)p->tmp.len;
		r->attr = p->attr;
		b->nruns++;
	}
	buf_add(&d->text, p->tmp.data, p->tmp.len);
	b->len += (uint32_t)p->tmp.len;
}
