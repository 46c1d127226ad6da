/*
 * The prompt on the status line: a line of text for / and F, and yes/no
 * questions.  It waits like the main loop does, so downloads go on and
 * the screen follows resizes while the reader types.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "i18n.h"
#include "signals.h"
#include "text.h"
#include "ui-int.h"
#include "xmalloc.h"

#define PROMPT_MAX	1024	/* bytes typed */

/* Draw "label text" on the status line, the end of the text in view. */
static void
prompt_draw(struct ui *u, const char *label, const char *text)
{
	struct buf	 b;
	int		 w, tw;

	if (u->w_status == NULL)
		return;
	buf_init(&b, BUF_UNLIMITED);
	w = text_fit(&b, label, COLS, 0);
	/* Show the end of a long text: that is where the cursor is. */
	for (tw = text_width(text); tw > COLS - w - 1 && *text != '\0';
	    tw = text_width(text)) {
		uint32_t	 c;

		text += text_decode(text, strlen(text), &c);
	}
	text_clip(&b, text, strlen(text), COLS - w - 1);
	werase(u->w_status);
	mvwaddstr(u->w_status, 0, 0, buf_str(&b));
	wnoutrefresh(u->w_status);
	curs_set(1);
	doupdate();
	buf_free(&b);
}

/* Remove the last character (not byte) of b. */
static void
prompt_backspace(struct buf *b)
{
	while (b->len > 0) {
		b->len--;
		if (((unsigned char)b->data[b->len] & 0xc0) != 0x80)
			break;
	}
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

/*
 * Ask for a line of text.  Returns what was typed (the caller frees it),
 * or NULL if the reader pressed Escape or ^G.
 */
char *
ui_prompt(struct ui *u, const char *label, const char *initial)
{
	struct buf	 b;
	char		 enc[4];
	wint_t		 wc;
	unsigned	 sigs;
	int		 rc, done = 0;

	buf_init(&b, PROMPT_MAX);
	if (initial != NULL)
		buf_addstr(&b, initial);
	while (!done) {
		prompt_draw(u, label, buf_str(&b));
		sigs = ui_wait(u, 60000);
		if (sigs & (SIGNAL_INT | SIGNAL_TERM)) {
			done = -1;
			break;
		}
		while (!done && (rc = get_wch(&wc)) != ERR) {
			if (rc == KEY_CODE_YES) {
				if (wc == KEY_BACKSPACE)
					prompt_backspace(&b);
				else if (wc == KEY_ENTER)
					done = 1;
				continue;
			}
			if (wc == '\n' || wc == '\r')
				done = 1;
			else if (wc == 27 || wc == 7)
				done = -1;
			else if (wc == 127 || wc == 8)
				prompt_backspace(&b);
			else if (wc == 21)
				buf_reset(&b);		/* ^U */
			else if (wc >= 0x20 && !text_is_invisible(wc))
				buf_add(&b, enc, text_encode(wc, enc));
		}
	}
	curs_set(0);
	u->dirty |= UI_DIRTY_ALL;
	if (done < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* A yes-or-no question: y confirms, any other key does not. */
int
ui_confirm(struct ui *u, const char *question)
{
	char		*label;
	wint_t		 wc = 0;
	int		 rc = ERR;

	/* L10N: the answer keys are y and n whatever the language. */
	label = xasprintf("%s %s ", question, _("(y/n)"));
	while (rc == ERR) {
		prompt_draw(u, label, "");
		if (ui_wait(u, 60000) & (SIGNAL_INT | SIGNAL_TERM))
			break;
		rc = get_wch(&wc);
	}
	free(label);
	curs_set(0);
	u->dirty |= UI_DIRTY_ALL;
	return rc == OK && (wc == 'y' || wc == 'Y');
}
