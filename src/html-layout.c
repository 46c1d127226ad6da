/*
 * Laying out blocks into lines for one width: wrapping, as far as the
 * caller needs and resuming where it stopped, prefixes on the first and
 * later lines, rules drawn across, and the runs of the patterns given to
 * html_mark() highlighted.  Lines live in an arena reused between widths.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "html-int.h"
#include "html.h"
#include "text.h"
#include "xmalloc.h"

static void	*arena_alloc(struct html_doc *, size_t);
static int	 is_fold_space(uint32_t);
static void	 fold_block(struct html_doc *, const char *, size_t);
static int	 is_word(char);
static int	 mark_cmp(const void *, const void *);
static void	 mark_add(struct html_doc *, uint32_t, uint32_t);
static void	 block_marks(struct html_doc *, const struct block *);
static void	 lrun_add(struct html_doc *, size_t, size_t, unsigned);
static void	 runs_or(struct html_doc *, size_t, size_t, unsigned);
static void	 emit(struct html_doc *, const struct block *, size_t,
		     size_t, int, int);
static void	 line_add(struct html_doc *, int);
static void	 layout_step(struct html_doc *);

/* Memory for laid-out lines, reused from one layout to the next. */
static void *
arena_alloc(struct html_doc *d, size_t n)
{
	struct chunk	*c = d->chunk, *nc;
	size_t		 size;
	void		*v;

	n = (n + 7) & ~(size_t)7;
	if (c == NULL || c->size - c->used < n) {
		if (c != NULL && c->next != NULL && c->next->size >= n)
			c = c->next;
		else {
			size = n > (64u << 10) ? n : (64u << 10);
			nc = xmalloc(sizeof *nc + size);
			nc->size = size;
			nc->used = 0;
			if (c == NULL) {
				nc->next = d->arena;
				d->arena = nc;
			} else {
				nc->next = c->next;
				c->next = nc;
			}
			c = nc;
		}
		d->chunk = c;
	}
	v = c->data + c->used;
	c->used += n;
	return v;
}

static int
is_fold_space(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == 0xa0 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x3000;
}

/*
 * The text_fold() form of a block, with map[i] the offset in the block
 * of the character that gave folded byte i.
 */
static void
fold_block(struct html_doc *d, const char *t, size_t len)
{
	uint32_t	 c;
	size_t		 i, n;

	buf_reset(&d->fold);
	d->nmap = 0;
	for (i = 0; i < len; i += n) {
		n = 1;
		c = (unsigned char)t[i];
		if (c >= 0x80)
			n = text_decode(t + i, len - i, &c);
		if (is_fold_space(c)) {
			if (d->fold.len == 0 ||
			    d->fold.data[d->fold.len - 1] == ' ')
				continue;
			buf_addc(&d->fold, ' ');
		} else if (c < 0x80)
			buf_addc(&d->fold, c >= 'A' && c <= 'Z' ? c + 32 : c);
		else
			text_fold(&d->fold, t + i, n);
		while (d->nmap < d->fold.len) {
			ARRAY_RESERVE(d->map, d->nmap, d->mapcap);
			d->map[d->nmap++] = (uint32_t)i;
		}
	}
}

static int
is_word(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z') || (unsigned char)c >= 0x80;
}

static int
mark_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
mark_add(struct html_doc *d, uint32_t s, uint32_t e)
{
	if (d->nmarks + 2 > d->markscap) {
		d->markscap = d->markscap == 0 ? 16 : d->markscap * 2;
		d->marks = xreallocarray(d->marks, d->markscap,
		    sizeof *d->marks);
	}
	d->marks[d->nmarks++] = s;
	d->marks[d->nmarks++] = e;
}

/* Find the patterns in a block: d->marks gets sorted, disjoint ranges. */
static void
block_marks(struct html_doc *d, const struct block *b)
{
	const struct pattern *pt;
	const char	*t = buf_str(&d->text) + b->off, *h, *m;
	uint32_t	 c;
	size_t		 i, hlen, s, e, n;
	int		 folded = 0;

	d->nmarks = 0;
	for (i = 0; i < d->npats && b->kind != B_RULE; i++) {
		pt = &d->pats[i];
		if (!(pt->flags & HTML_MARK_CASE) && !folded) {
			fold_block(d, t, b->len);
			folded = 1;
		}
		h = pt->flags & HTML_MARK_CASE ? t : buf_str(&d->fold);
		hlen = pt->flags & HTML_MARK_CASE ? b->len : d->fold.len;
		for (m = h; hlen > 0 && (m = memmem(m, hlen - (size_t)(m - h),
		    pt->s, pt->len)) != NULL; m++) {
			s = (size_t)(m - h);
			e = s + pt->len;
			if ((pt->flags & HTML_MARK_WORD) && ((s > 0 &&
			    is_word(h[s - 1])) || (!pt->prefix && e < hlen &&
			    is_word(h[e]))))
				continue;
			while (pt->prefix && e < hlen && is_word(h[e]))
				e++;	/* the whole word a stem begins */
			if (!(pt->flags & HTML_MARK_CASE)) {
				s = d->map[s];
				e = d->map[e - 1];
				e += text_decode(t + e, b->len - e, &c);
			}
			mark_add(d, (uint32_t)s, (uint32_t)e);
		}
	}
	if (d->nmarks > 2)
		qsort(d->marks, d->nmarks / 2, 2 * sizeof *d->marks,
		    mark_cmp);
	for (i = n = 0; i < d->nmarks; i += 2) {
		if (n > 0 && d->marks[i] <= d->marks[n - 1]) {
			if (d->marks[i + 1] > d->marks[n - 1])
				d->marks[n - 1] = d->marks[i + 1];
			continue;
		}
		d->marks[n++] = d->marks[i];
		d->marks[n++] = d->marks[i + 1];
	}
	d->nmarks = n;
}

/*
 * Highlight pattern in the text (NULL forgets all patterns): folded like
 * text_fold() unless HTML_MARK_CASE.  The layout starts again.
 */
void
html_mark(struct html_doc *d, const char *pattern, int flags)
{
	struct pattern	*pt;
	struct buf	 b, f;
	int		 prefix = 0;

	d->width = 0;
	if (pattern == NULL) {
		while (d->npats > 0)
			free(d->pats[--d->npats].s);
		return;
	}
	buf_init(&b, BUF_UNLIMITED);
	buf_init(&f, BUF_UNLIMITED);
	text_clean(&b, pattern, strlen(pattern), TEXT_ONELINE | TEXT_DISPLAY);
	if ((flags & HTML_MARK_WORD) && b.len > 0 && b.data[b.len - 1] == '*') {
		prefix = 1;
		while (b.len > 0 && (b.data[b.len - 1] == '*' ||
		    b.data[b.len - 1] == ' '))
			b.data[--b.len] = '\0';
	}
	if (flags & HTML_MARK_CASE)
		buf_add(&f, buf_str(&b), b.len);
	else
		text_fold(&f, buf_str(&b), b.len);
	if (f.len > 0) {
		d->pats = xreallocarray(d->pats, d->npats + 1,
		    sizeof *d->pats);
		pt = &d->pats[d->npats++];
		pt->len = f.len;
		pt->s = buf_take(&f);
		pt->flags = flags;
		pt->prefix = prefix;
	}
	buf_free(&b);
	buf_free(&f);
}

static void
lrun_add(struct html_doc *d, size_t off, size_t len, unsigned attr)
{
	struct html_run	*r;

	if (len == 0)
		return;
	r = d->nlruns > 0 ? &d->lruns[d->nlruns - 1] : NULL;
	if (r != NULL && r->attr == attr && r->off + r->len == off) {
		r->len += (uint32_t)len;
		return;
	}
	ARRAY_RESERVE(d->lruns, d->nlruns, d->lrunscap);
	r = &d->lruns[d->nlruns++];
	r->off = (uint32_t)off;
	r->len = (uint32_t)len;
	r->attr = attr;
}

/* Add attr to the line's runs over [a, b), splitting runs at the ends. */
static void
runs_or(struct html_doc *d, size_t a, size_t b, unsigned attr)
{
	struct html_run	*r;
	size_t		 i, s, e, at;

	for (i = 0; i < d->nlruns; i++) {
		r = &d->lruns[i];
		s = r->off;
		e = r->off + r->len;
		if (e <= a || s >= b)
			continue;
		at = s < a ? a : e > b ? b : 0;
		if (at != 0) {
			ARRAY_RESERVE(d->lruns, d->nlruns, d->lrunscap);
			r = &d->lruns[i];
			memmove(r + 1, r, (d->nlruns - i) * sizeof *r);
			d->nlruns++;
			r[0].len = (uint32_t)(at - s);
			r[1].off = (uint32_t)at;
			r[1].len = (uint32_t)(e - at);
			if (s < a)
				continue;	/* the second half is next */
		}
		r->attr |= attr;
	}
}

/*
 * Add a line: a prefix (0 none, 1 first, 2 continuation), then the bytes
 * [from, to) of src, which are the block's text for its runs and marks.
 */
static void
emit(struct html_doc *d, const struct block *b, size_t from, size_t to,
    int w, int which)
{
	const char	*t = buf_str(&d->text), *src;
	const struct html_run *r;
	size_t		 plen = 0, i, k, s, e;

	src = b->kind == B_RULE ? buf_str(&d->fold) : t + b->off;
	buf_reset(&d->lbuf);
	d->nlruns = 0;
	if (which != 0) {
		plen = which == 1 ? b->pfxlen : b->cpfxlen;
		w += which == 1 ? b->pfxw : b->cpfxw;
		buf_add(&d->lbuf, t + (which == 1 ? b->pfx : b->cpfx), plen);
		for (i = 0; i < plen; i++)
			lrun_add(d, i, 1, d->lbuf.data[i] == '>' ?
			    HTML_QUOTE : 0);
	}
	if (to > from)
		buf_add(&d->lbuf, src + from, to - from);
	for (; d->rcur < b->nruns; d->rcur++) {
		r = &d->runs[b->run + d->rcur];
		if (r->off + r->len > from)
			break;
	}
	for (k = d->rcur; k < b->nruns && d->runs[b->run + k].off < to; k++) {
		r = &d->runs[b->run + k];
		s = r->off > from ? r->off : from;
		e = r->off + r->len < to ? r->off + r->len : to;
		lrun_add(d, plen + s - from, e - s, r->attr);
	}
	if (b->kind == B_RULE)
		lrun_add(d, plen, to - from, 0);
	for (; d->mcur < d->nmarks && d->marks[d->mcur + 1] <= from;
	    d->mcur += 2)
		;
	for (k = d->mcur; k < d->nmarks && d->marks[k] < to; k += 2) {
		s = d->marks[k] > from ? d->marks[k] : from;
		e = d->marks[k + 1] < to ? d->marks[k + 1] : to;
		runs_or(d, plen + s - from, plen + e - from, HTML_MARK);
	}
	line_add(d, w);
}

/* Store the line built in lbuf and lruns, without trailing spaces. */
static void
line_add(struct html_doc *d, int w)
{
	struct html_line *l;
	struct html_run	*runs;
	char		*text;
	size_t		 n, i, k;

	for (n = d->lbuf.len; n > 0 && d->lbuf.data[n - 1] == ' '; n--)
		w--;
	while (d->nlruns > 0 && d->lruns[d->nlruns - 1].off >= n)
		d->nlruns--;
	if (d->nlruns > 0)
		d->lruns[d->nlruns - 1].len = (uint32_t)n -
		    d->lruns[d->nlruns - 1].off;
	for (i = k = 0; i < d->nlruns; i++) {
		if (k > 0 && d->lruns[k - 1].attr == d->lruns[i].attr)
			d->lruns[k - 1].len += d->lruns[i].len;
		else
			d->lruns[k++] = d->lruns[i];
	}
	d->nlruns = k;

	text = arena_alloc(d, n + 1);
	memcpy(text, buf_str(&d->lbuf), n);
	text[n] = '\0';
	runs = arena_alloc(d, d->nlruns * sizeof *runs);
	memcpy(runs, d->lruns, d->nlruns * sizeof *runs);
	ARRAY_RESERVE(d->lines, d->nlines, d->linescap);
	l = &d->lines[d->nlines++];
	l->text = text;
	l->runs = runs;
	l->len = (uint32_t)n;
	l->nruns = (uint32_t)d->nlruns;
	l->width = w;
}

/* Lay out the next line of the current block, or the blank line before. */
static void
layout_step(struct html_doc *d)
{
	const struct block *b = &d->blocks[d->blk];
	const char	*t = buf_str(&d->text) + b->off, *nl;
	size_t		 n, start;
	int		 w, avail, i, which;

	if (!d->started) {
		d->started = d->first = 1;
		d->off = d->rcur = d->mcur = 0;
		d->usepfx = b->pfxw <= d->width / 2 &&
		    b->cpfxw <= d->width / 2;
		block_marks(d, b);
		if (b->blank && d->nlines > 0) {
			emit(d, b, 0, 0, 0, 0);
			d->lines[d->nlines - 1].pos = 2 * (uint64_t)b->off;
			return;
		}
	}
	start = d->off;
	which = !d->usepfx ? 0 : d->first ? 1 : 2;
	avail = d->width - (which == 0 ? 0 : which == 1 ? b->pfxw : b->cpfxw);
	if (b->kind == B_RULE) {
		buf_reset(&d->fold);
		for (i = 0; i < avail; i++)
			buf_addstr(&d->fold, text_is_utf8() ?
			    "\xe2\x94\x80" : "-");
		emit(d, b, 0, d->fold.len, avail, which);
	} else if (b->kind == B_PRE) {
		nl = memchr(t + d->off, '\n', b->len - d->off);
		n = nl != NULL ? (size_t)(nl - t) - d->off : b->len - d->off;
		(void)text_wrapn(t + d->off, n, INT32_MAX, &w);	/* measure */
		emit(d, b, d->off, d->off + n, w, which);
		d->off += n + 1;
	} else {
		n = text_wrapn(t + d->off, b->len - d->off, avail, &w);
		emit(d, b, d->off, d->off + n, w, which);
		d->off += n;
		if (d->off < b->len && t[d->off] == '\n')
			d->off++;
		else {
			while (d->off < b->len && t[d->off] == ' ')
				d->off++;
		}
	}
	/* Odd: after the blank line before the block, at the same offset. */
	d->lines[d->nlines - 1].pos = 2 * ((uint64_t)b->off + start) + 1;
	d->first = 0;
	if (d->off >= b->len) {
		d->blk++;
		d->started = 0;
	}
}

/*
 * Lay out the document at width columns until it has upto lines (or all
 * of them); a new width starts again.  Returns the lines available: fewer
 * than upto only when the layout is complete.
 */
size_t
html_layout(struct html_doc *d, int width, size_t upto)
{
	struct chunk	*c;

	if (width < 1)
		width = 1;
	if (width > 4096)
		width = 4096;
	if (d->width != width) {
		for (c = d->arena; c != NULL; c = c->next)
			c->used = 0;
		d->chunk = d->arena;
		d->width = width;
		d->nlines = d->blk = 0;
		d->started = 0;
	}
	while (d->nlines < upto) {
		if (d->blk < d->nblocks)
			layout_step(d);
		else if (d->parser != NULL)
			html_parse_more(d);	/* more blocks, or the end */
		else
			break;		/* the whole document is laid out */
	}
	return d->nlines;
}

/*
 * The line holding a place of the document (an html_line's pos) at the
 * width of the last layout: the last line starting at or before it.
 * Lays out as far as it needs to.
 */
size_t
html_find(struct html_doc *d, uint64_t pos)
{
	size_t	 lo = 0, hi, mid, want;

	while (d->width > 0 && (d->nlines == 0 ||
	    d->lines[d->nlines - 1].pos <= pos)) {
		want = d->nlines + 256;
		if (html_layout(d, d->width, want) < want)
			break;		/* laid out to the end */
	}
	hi = d->nlines;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->lines[mid].pos <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

/* Line n, valid until the next html_layout() or html_mark(); or NULL. */
const struct html_line *
html_line(struct html_doc *d, size_t n)
{
	return n < d->nlines ? &d->lines[n] : NULL;
}
