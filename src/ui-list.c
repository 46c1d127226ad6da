/*
 * The list pane: a window of rows with a selection.  It knows nothing of
 * feeds or items: rows come from count() and format() callbacks.  A move
 * inside the visible page repaints two rows; anything that scrolls
 * repaints the page.
 */
#include "config.h"

#include <curses.h>

#include "buf.h"
#include "text.h"
#include "ui-int.h"

void
ui_list_init(struct ui_list *l, const struct ui_list_ops *ops, void *arg)
{
	l->ops = ops;
	l->arg = arg;
	l->sel = l->top = l->old_sel = 0;
	l->rows = l->cols = 0;
	l->dirty = UI_DIRTY_ALL;
}

void
ui_list_resize(struct ui_list *l, int rows, int cols)
{
	l->rows = rows > 0 ? rows : 0;
	l->cols = cols > 0 ? cols : 0;
	l->dirty = UI_DIRTY_ALL;
	ui_list_fix(l);
}

/*
 * Keep the selection within the rows and on the page.  The page scrolls
 * as little as it can, so the view stays where the reader left it.
 */
void
ui_list_fix(struct ui_list *l)
{
	size_t	 n = l->ops->count(l->arg), rows;

	if (n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= n)
		l->sel = n - 1;
	rows = l->rows > 0 ? (size_t)l->rows : 1;
	if (l->top + rows > n)
		l->top = n > rows ? n - rows : 0;
	if (l->sel < l->top) {
		l->top = l->sel;
		l->dirty |= UI_DIRTY_ALL;
	} else if (l->sel >= l->top + rows) {
		l->top = l->sel - rows + 1;
		l->dirty |= UI_DIRTY_ALL;
	}
}

void
ui_list_select(struct ui_list *l, size_t row)
{
	size_t	 top = l->top;

	if (row == l->sel)
		return;
	if (!(l->dirty & UI_DIRTY_SEL))
		l->old_sel = l->sel;
	l->sel = row;
	l->dirty |= UI_DIRTY_SEL;
	ui_list_fix(l);
	if (l->top != top)
		l->dirty |= UI_DIRTY_ALL;
}

void
ui_list_move(struct ui_list *l, long delta)
{
	size_t	 n = l->ops->count(l->arg);
	long	 to = (long)l->sel + delta;

	if (n == 0)
		return;
	if (to < 0)
		to = 0;
	if ((size_t)to >= n)
		to = (long)n - 1;
	ui_list_select(l, (size_t)to);
}

/* Page (or half page) down or up: the page moves with the selection. */
void
ui_list_page(struct ui_list *l, int dir, int half)
{
	size_t	 n = l->ops->count(l->arg);
	long	 step = l->rows > 1 ? (half ? l->rows / 2 : l->rows - 1) : 1;
	long	 top;

	if (n == 0)
		return;
	top = (long)l->top + dir * step;
	if (top + l->rows > (long)n)
		top = (long)n - l->rows;
	if (top < 0)
		top = 0;
	if ((size_t)top != l->top) {
		l->top = (size_t)top;
		l->dirty |= UI_DIRTY_ALL;
	}
	ui_list_move(l, dir * step);
}

/* Draw one row, padded to the width. */
static void
draw_row(struct ui_list *l, WINDOW *w, size_t row, int focused,
    struct buf *b)
{
	enum theme_element	 el;
	int			 y = (int)(row - l->top);

	buf_reset(b);
	el = l->ops->format(l->arg, row, b, l->cols);
	if (row == l->sel)
		el = el == EL_LISTNORMAL_UNREAD ? EL_LISTFOCUS_UNREAD :
		    EL_LISTFOCUS;
	/* The other pane's selection stays visible, dimmed. */
	wattrset(w, ui_attr(el) | (row == l->sel && !focused ? A_DIM : 0));
	/*
	 * Clear first: a row as wide as the window leaves the cursor on
	 * the next line, which a clear afterwards would wipe.
	 */
	wmove(w, y, 0);
	wclrtoeol(w);
	waddstr(w, buf_str(b));
	wattrset(w, A_NORMAL);
}

/* Repaint what is dirty: the whole page, or the two rows of a move. */
void
ui_list_draw(struct ui_list *l, WINDOW *w, int focused)
{
	struct buf	 b;
	size_t		 n = l->ops->count(l->arg), row;

	if (!l->dirty || w == NULL || l->rows <= 0)
		return;
	buf_init(&b, BUF_UNLIMITED);
	if (l->dirty & UI_DIRTY_ALL) {
		werase(w);
		for (row = l->top; row < n && row < l->top + (size_t)l->rows;
		    row++)
			draw_row(l, w, row, focused, &b);
	} else {
		if (l->old_sel >= l->top && l->old_sel < n &&
		    l->old_sel < l->top + (size_t)l->rows)
			draw_row(l, w, l->old_sel, focused, &b);
		draw_row(l, w, l->sel, focused, &b);
	}
	buf_free(&b);
	l->dirty = 0;
	wnoutrefresh(w);
}
