/*
 * The interface: one thread, one loop.  The loop waits in fetch_wait()
 * on curl's sockets, standard input and the signal pipe; keys are read
 * until ncurses has none left, finished downloads are merged, and the
 * screen is drawn once per wake, only where something changed.  A key
 * never waits for the network, and the network never waits for a key.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "feed.h"
#include "fetch.h"
#include "file.h"
#include "i18n.h"
#include "log.h"
#include "options.h"
#include "poller.h"
#include "signals.h"
#include "store.h"
#include "text.h"
#include "ui-int.h"
#include "ui.h"
#include "xmalloc.h"

#define MESSAGE_SECONDS	5

static struct ui	ui;
static int		ui_started;

static void	ui_draw(struct ui *);

const char *
ui_version(void)
{
	return curses_version();
}

/* Restore the terminal (also from fatal(): nothing is left in raw mode). */
static void
ui_restore(void)
{
	if (ui_started && !isendwin())
		endwin();
}

/* Warnings while the screen is in use go to the status line. */
static void
ui_sink(const char *msg)
{
	ui_message(&ui, 1, "%s", msg);
}

void
ui_message(struct ui *u, int error, const char *fmt, ...)
{
	va_list	 ap;

	free(u->message);
	va_start(ap, fmt);
	u->message = xvasprintf(fmt, ap);
	va_end(ap);
	u->message_error = error;
	u->message_until = time(NULL) + MESSAGE_SECONDS;
	u->dirty |= UI_DIRTY_ALL;
}

/* The curses attributes of a theme element, in colour or not. */
int
ui_attr(enum theme_element el)
{
	const struct theme_color	*c = theme_get(el);
	unsigned			 a = ui.color ? c->attr : c->mono;
	int				 out = 0;

	if (a & THEME_BOLD)
		out |= A_BOLD;
	if (a & THEME_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		out |= A_REVERSE;
	if (a & THEME_STANDOUT)
		out |= A_STANDOUT;
	if (a & THEME_DIM)
		out |= A_DIM;
	if (a & THEME_BLINK)
		out |= A_BLINK;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		out |= A_ITALIC;
#endif
	if (ui.color && (c->fg != THEME_DEFAULT || c->bg != THEME_DEFAULT))
		out |= (int)COLOR_PAIR(el + 1);
	return out;
}

/* Colour pairs for the theme, unless NO_COLOR or a monochrome terminal. */
static void
ui_colors(void)
{
	const char			*nc = getenv("NO_COLOR");
	const struct theme_color	*c;
	int				 el;

	ui.color = has_colors() && (nc == NULL || *nc == '\0');
	if (!ui.color)
		return;
	start_color();
	use_default_colors();
	for (el = 0; el < EL_MAX; el++) {
		c = theme_get(el);
		if (c->fg >= COLORS || c->bg >= COLORS)
			continue;
		init_pair((short)(el + 1), c->fg, c->bg);
	}
}

static void
win_free(WINDOW **w)
{
	if (*w != NULL)
		delwin(*w);
	*w = NULL;
}

/* A window, or NULL where the terminal has no room for it. */
static WINDOW *
win_new(int rows, int cols, int y, int x)
{
	if (rows <= 0 || cols <= 0)
		return NULL;
	return newwin(rows, cols, y, x);
}

/*
 * Lay the panes out for the terminal's size: side by side on wide
 * terminals (or as chosen), stacked, or one pane at a time.
 */
void
ui_layout(struct ui *u)
{
	int	 rows = LINES - 2, cols = COLS, mrows, mcols, srows, scols;

	win_free(&u->w_title);
	win_free(&u->w_main);
	win_free(&u->w_side);
	win_free(&u->w_status);
	win_free(&u->w_full);
	if (u->layout_pref == 0)
		u->layout = COLS >= 120 ? LAYOUT_SIDE : LAYOUT_SINGLE;
	else
		u->layout = (enum ui_layout)(u->layout_pref - 1);
	if (rows < 2 || cols < 20)
		u->layout = LAYOUT_SINGLE;
	mrows = srows = rows;
	mcols = scols = cols;
	u->sep_col = u->sep_row = -1;
	if (u->layout == LAYOUT_SIDE) {
		mcols = cols * 2 / 5 < 30 ? (cols < 60 ? cols / 2 : 30) :
		    cols * 2 / 5;
		scols = cols - mcols - 1;
		u->sep_col = mcols;
	} else if (u->layout == LAYOUT_STACKED) {
		mrows = rows * 2 / 5 > 2 ? rows * 2 / 5 : 1;
		srows = rows - mrows - 1;
		u->sep_row = 1 + mrows;
	}
	u->w_title = win_new(1, cols, 0, 0);
	u->w_status = LINES > 1 ? win_new(1, cols, LINES - 1, 0) : NULL;
	u->w_main = win_new(mrows, mcols, 1, 0);
	u->w_full = win_new(rows, cols, 1, 0);
	if (u->layout == LAYOUT_SIDE)
		u->w_side = win_new(srows, scols, 1, mcols + 1);
	else if (u->layout == LAYOUT_STACKED)
		u->w_side = win_new(srows, scols, 2 + mrows, 0);
	ui_list_resize(&u->feeds, mrows, mcols);
	ui_list_resize(&u->items, u->layout == LAYOUT_SINGLE ? mrows : (
	    u->level == LEVEL_FEEDS ? srows : mrows), u->layout ==
	    LAYOUT_SINGLE ? mcols : (u->level == LEVEL_FEEDS ? scols : mcols));
	ui_article_resize(&u->article, u->layout == LAYOUT_SINGLE ? mrows :
	    srows, u->layout == LAYOUT_SINGLE ? mcols : scols);
	ui_list_resize(&u->help, rows, cols);
	ui_list_resize(&u->links, rows, cols);
	ui_list_resize(&u->taglist, rows, cols);
	u->dirty |= UI_DIRTY_ALL;
	clearok(curscr, TRUE);
}

/* The terminal changed size: ask it how big it is now. */
static void
ui_resize(struct ui *u)
{
	struct winsize	 ws;

	/* Not resizeterm(): it queues a KEY_RESIZE, which would come back. */
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	ui_layout(u);
}

/* The title line: where the reader is, and how much is unread. */
static void
draw_title(struct ui *u)
{
	struct buf	 b, t;
	size_t		 unread = 0, i;
	const char	*where;
	char		*right;
	int		 w;

	if (u->w_title == NULL)
		return;
	for (i = 0; i < u->fl->nfeeds; i++)
		unread += u->fl->feeds[i]->unread;
	where = u->overlay == OVERLAY_HELP ? _("Help") :
	    u->overlay == OVERLAY_LINKS ? _("Links") :
	    u->overlay == OVERLAY_TAGS ? _("Tags") :
	    u->level == LEVEL_FEEDS ? _("Feeds") :
	    ui_rows_title(u, &u->source);
	right = xasprintf(P_("%zu unread", "%zu unread", unread), unread);
	buf_init(&b, BUF_UNLIMITED);
	buf_init(&t, BUF_UNLIMITED);
	buf_addstr(&t, "ssnews: ");
	buf_addstr(&t, where);
	if (u->tag_filter != NULL) {
		buf_addstr(&t, " [");
		buf_addstr(&t, u->tag_filter);
		buf_addc(&t, ']');
	}
	w = text_fit(&b, buf_str(&t), COLS - text_width(right) - 1, 1);
	buf_addc(&b, ' ');
	text_fit(&b, right, COLS - w - 1, 1);
	wattrset(u->w_title, ui_attr(EL_INFO));
	wmove(u->w_title, 0, 0);
	wclrtoeol(u->w_title);
	waddstr(u->w_title, buf_str(&b));
	wnoutrefresh(u->w_title);
	free(right);
	buf_free(&b);
	buf_free(&t);
}

/* The status line: a message, progress, the selected feed's error. */
static void
draw_status(struct ui *u)
{
	struct feedrow	*r = ui_rows_feed(u);
	struct buf	 b;
	char		*s = NULL;
	int		 error = 0;

	if (u->w_status == NULL)
		return;
	if (u->message != NULL && time(NULL) < u->message_until) {
		s = xstrdup(u->message);
		error = u->message_error;
	} else if (u->loading_total > 0)
		s = xasprintf(_("Loading %zu/%zu"), u->loading_done,
		    u->loading_total);
	else if (u->level == LEVEL_FEEDS && r != NULL && r->feed != NULL &&
	    r->feed->error != NULL) {
		s = xasprintf("%s: %s", feed_title(r->feed), r->feed->error);
		error = 1;
	} else
		s = xstrdup(_("q:quit  ENTER:open  r:reload  n:next unread  "
		    "/:search  ?:help"));
	buf_init(&b, BUF_UNLIMITED);
	if (error)
		text_fit(&b, s, COLS, 1);	/* feed text: one clean line */
	else
		text_clip(&b, s, strlen(s), COLS);
	wattrset(u->w_status, error ? ui_attr(EL_ERROR) : (int)A_NORMAL);
	wmove(u->w_status, 0, 0);
	wclrtoeol(u->w_status);
	waddstr(u->w_status, buf_str(&b));
	wattrset(u->w_status, A_NORMAL);
	wnoutrefresh(u->w_status);
	buf_free(&b);
	free(s);
}

/*
 * The line between the panes.  In a UTF-8 locale it is drawn with the
 * box-drawing characters themselves: the terminal's alternate character
 * set shows as "x" and "q" in terminals that ignore it in UTF-8 mode.
 */
static void
draw_separator(struct ui *u)
{
	int	 y, utf8 = text_is_utf8();

	attrset(ui_attr(EL_INFO) & ~A_REVERSE);
	if (u->sep_col >= 0) {
		for (y = 1; y < LINES - 1; y++) {
			if (utf8)
				mvadd_wch(y, u->sep_col, WACS_VLINE);
			else
				mvaddch(y, u->sep_col, ACS_VLINE);
		}
	} else if (u->sep_row >= 0) {
		if (utf8)
			mvhline_set(u->sep_row, 0, WACS_HLINE, COLS);
		else
			mvhline(u->sep_row, 0, ACS_HLINE, COLS);
	}
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
}

/* Mark every pane for a full repaint. */
static void
all_dirty(struct ui *u)
{
	u->feeds.dirty = u->items.dirty = u->help.dirty = UI_DIRTY_ALL;
	u->links.dirty = u->taglist.dirty = UI_DIRTY_ALL;
	u->article.dirty = UI_DIRTY_ALL;
	u->dirty |= UI_DIRTY_ALL;
}

/* What goes in the main and the side pane for the current level. */
static void
draw_panes(struct ui *u)
{
	struct ui_list	*overlay = u->overlay == OVERLAY_HELP ? &u->help :
			    u->overlay == OVERLAY_LINKS ? &u->links :
			    u->overlay == OVERLAY_TAGS ? &u->taglist : NULL;

	if (overlay != NULL) {
		ui_list_draw(overlay, u->w_full, 1);
		return;
	}
	if (u->layout == LAYOUT_SINGLE) {
		if (u->level == LEVEL_FEEDS)
			ui_list_draw(&u->feeds, u->w_main, 1);
		else if (u->level == LEVEL_ITEMS)
			ui_list_draw(&u->items, u->w_main, 1);
		else
			ui_article_draw(u, u->w_main, 1);
		return;
	}
	if (u->level == LEVEL_FEEDS) {
		ui_list_draw(&u->feeds, u->w_main, !u->focus_side);
		ui_list_draw(&u->items, u->w_side, u->focus_side);
	} else {
		ui_list_draw(&u->items, u->w_main, u->level == LEVEL_ITEMS);
		ui_article_draw(u, u->w_side, u->level == LEVEL_ARTICLE);
	}
}

/* Draw what is dirty, then one doupdate(). */
static void
ui_draw(struct ui *u)
{
	if (u->model_changed)
		ui_rows_rebuild(u);
	if (u->dirty & UI_DIRTY_ALL) {
		erase();
		wnoutrefresh(stdscr);
		all_dirty(u);
		if (u->overlay == OVERLAY_NONE)
			draw_separator(u);
	}
	if (u->overlay == OVERLAY_NONE && u->layout != LAYOUT_SINGLE &&
	    u->level != LEVEL_FEEDS)
		ui_article_show(u, ui_rows_item(u));
	draw_panes(u);
	if (u->dirty) {
		draw_title(u);
		draw_status(u);
	}
	u->dirty = 0;
	doupdate();
	log_debug("frame drawn");
}

/* A download finished: merge it; the rows are rebuilt before drawing. */
static void
ui_fetched(struct fetch_result *r, void *arg)
{
	struct ui	*u = arg;
	char		*cause = NULL;

	poller_apply(r, time(NULL));
	u->loading_done++;
	u->model_changed = 1;
	u->dirty |= UI_DIRTY_ALL;
	if (fetch_active() + fetch_queued() > 0)
		return;
	u->loading_total = u->loading_done = 0;
	if (store_save(u->st, u->fl, &cause) != 0) {
		ui_message(u, 1, "%s", cause);
		free(cause);
	}
}

/* Reload one feed (or all with NULL), in the background. */
void
ui_reload(struct ui *u, struct feed *f)
{
	time_t	 now = time(NULL);
	size_t	 i, n = 0;

	for (i = 0; i < u->fl->nfeeds; i++) {
		struct feed	*g = u->fl->feeds[i];

		if ((f != NULL && g != f) || !poller_due(g, now, 1))
			continue;
		fetch_start(g, ui_fetched, u);
		n++;
	}
	if (n == 0 && f != NULL && !(f->flags & FEED_QUERY))
		ui_message(u, 1, _("%s asked to wait before the next reload"),
		    feed_title(f));
	u->loading_total += n;
	u->dirty |= UI_DIRTY_ALL;
}

/* auto-reload: fetch the feeds that are due. */
static void
ui_auto_reload(struct ui *u, time_t now)
{
	size_t	 i, n = 0;

	if (!options_bool(OPT_AUTO_RELOAD) || now < u->next_auto)
		return;
	for (i = 0; i < u->fl->nfeeds; i++) {
		if (!poller_due(u->fl->feeds[i], now, 0))
			continue;
		fetch_start(u->fl->feeds[i], ui_fetched, u);
		n++;
	}
	u->loading_total += n;
	u->next_auto = poller_next(u->fl, now + 1);
	if (u->next_auto <= now)
		u->next_auto = now + 60;
}

/*
 * The browser's argv: the browser option, else $BROWSER, else xdg-open;
 * split on white space, never through a shell; "%s" stands for the URL,
 * else the URL is the last argument.  It is always one argument.
 */
static char **
browser_argv(const char *url)
{
	const char	*cmd = options_string(OPT_BROWSER);
	char		*copy, *w, *next, **argv = NULL;
	size_t		 n = 0;
	int		 placed = 0;

	if (*cmd == '\0')
		cmd = getenv("BROWSER");
	if (cmd == NULL || *cmd == '\0')
		cmd = "xdg-open";
	copy = xstrdup(cmd);
	for (w = copy; w != NULL; w = next) {
		while (*w == ' ' || *w == '\t')
			w++;
		next = strpbrk(w, " \t");
		if (next != NULL)
			*next++ = '\0';
		if (*w == '\0')
			continue;
		argv = xreallocarray(argv, n + 3, sizeof *argv);
		if (strcmp(w, "%s") == 0 && !placed) {
			argv[n++] = xstrdup(url);
			placed = 1;
		} else
			argv[n++] = xstrdup(w);
	}
	free(copy);
	argv = xreallocarray(argv, n + 2, sizeof *argv);
	if (!placed)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	return argv;
}

/* Only http, https and file links are ever opened. */
static int
url_openable(const char *url)
{
	/* Schemes are case-insensitive (RFC 3986), as html.c sees them. */
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "file://", 7) == 0;
}

/*
 * Open a link with fork and execvp.  The terminal is handed to the
 * browser (a text browser needs it) and taken back when SIGCHLD says it
 * has finished; downloads go on meanwhile.
 */
void
ui_open_url(struct ui *u, const char *url)
{
	char	**argv;
	pid_t	  pid;
	size_t	  i;

	if (url == NULL || *url == '\0') {
		ui_message(u, 1, _("this article has no link"));
		return;
	}
	if (!url_openable(url)) {
		ui_message(u, 1, _("not opening a link that is not http, "
		    "https or file"));
		return;
	}
	if (u->child > 0)
		return;
	argv = browser_argv(url);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGWINCH, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
	if (pid == -1) {
		reset_prog_mode();
		ui_message(u, 1, _("cannot start the browser: %s"),
		    strerror(errno));
		return;
	}
	u->child = pid;
}

/* The browser has finished: take the terminal back. */
static void
ui_reap(struct ui *u)
{
	int	 status;
	pid_t	 pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid != u->child)
			continue;
		u->child = 0;
		reset_prog_mode();
		ui_resize(u);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			ui_message(u, 1, _("cannot run the browser (set the "
			    "browser option or $BROWSER)"));
	}
}

/*
 * Copy to the clipboard with OSC 52: the terminal does it, so it works
 * over SSH without a clipboard tool.  The URL is base64, so no byte of it
 * can act as a control sequence.
 */
void
ui_copy(struct ui *u, const char *url)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*s = (const unsigned char *)url;
	struct buf		 b;
	size_t			 len, i;
	unsigned		 v;

	if (url == NULL) {
		ui_message(u, 1, _("this article has no link"));
		return;
	}
	len = strlen(url);
	buf_init(&b, BUF_UNLIMITED);
	buf_addstr(&b, "\033]52;c;");
	for (i = 0; i < len; i += 3) {
		v = (unsigned)s[i] << 16 | (i + 1 < len ? s[i + 1] << 8 : 0) |
		    (i + 2 < len ? s[i + 2] : 0);
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addc(&b, i + 1 < len ? b64[v >> 6 & 63] : '=');
		buf_addc(&b, i + 2 < len ? b64[v & 63] : '=');
	}
	buf_addstr(&b, "\a");
	doupdate();
	if (file_write_all(STDOUT_FILENO, buf_str(&b), b.len) != 0)
		ui_message(u, 1, _("cannot write to the terminal"));
	else
		ui_message(u, 0, _("link copied"));
	buf_free(&b);
}

/* What curses read, as a key of keys.h. */
static unsigned
ui_key(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES) {
		switch (wc) {
		case KEY_UP: return KEYC_UP;
		case KEY_DOWN: return KEYC_DOWN;
		case KEY_LEFT: return KEYC_LEFT;
		case KEY_RIGHT: return KEYC_RIGHT;
		case KEY_HOME: return KEYC_HOME;
		case KEY_END: return KEYC_END;
		case KEY_PPAGE: return KEYC_PPAGE;
		case KEY_NPAGE: return KEYC_NPAGE;
		case KEY_ENTER: return KEYC_ENTER;
		case KEY_BTAB: return KEYC_BTAB;
		case KEY_BACKSPACE: return KEYC_BACKSPACE;
		case KEY_DC: return KEYC_DELETE;
		case KEY_IC: return KEYC_INSERT;
		}
		if (wc >= KEY_F(1) && wc <= KEY_F(12))
			return KEYC_F1 + (unsigned)(wc - KEY_F(1));
		return 0;
	}
	switch (wc) {
	case '\n': case '\r': return KEYC_ENTER;
	case '\t': return KEYC_TAB;
	case ' ': return KEYC_SPACE;
	case 27: return KEYC_ESCAPE;
	case 127: case 8: return KEYC_BACKSPACE;
	}
	return (unsigned)wc;
}

/* The next key ncurses has, 0 if none (KEYC_LAST: a resize). */
static unsigned
ui_read_key(void)
{
	wint_t	 wc;
	int	 rc;

	rc = get_wch(&wc);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
		return KEYC_LAST;
	return ui_key(rc, wc);
}

/*
 * Wait for input, a signal or the network, and handle what came.  While
 * a browser holds the terminal, standard input is left to it.  Returns
 * the signals seen.
 */
unsigned
ui_wait(struct ui *u, int timeout_ms)
{
	struct fetch_waitfd	 w[2];
	unsigned		 n = 0, sigs = 0;

	if (u->child == 0)
		w[n++].fd = STDIN_FILENO;
	w[n++].fd = signals_fd();
	fetch_wait(w, n, timeout_ms);
	if (w[n - 1].revents)
		sigs = signals_take();
	if (sigs & SIGNAL_CHLD)
		ui_reap(u);
	if ((sigs & SIGNAL_WINCH) && u->child == 0)
		ui_resize(u);
	fetch_perform();
	return sigs;
}

/* How long the loop may sleep: until a message expires or a reload. */
static int
ui_timeout(struct ui *u, time_t now)
{
	time_t	 until = now + 60;

	if (u->message != NULL && u->message_until > now &&
	    u->message_until < until)
		until = u->message_until;
	if (options_bool(OPT_AUTO_RELOAD) && u->next_auto > now &&
	    u->next_auto < until)
		until = u->next_auto;
	return (int)(until - now) * 1000 + 50;
}

/* Start curses; -1 if the terminal cannot be used. */
static int
ui_start(void)
{
	const char	*term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		log_warnx(_("the interface needs a terminal (try -x reload or "
		    "--dump)"));
		return -1;
	}
	if (newterm(NULL, stdout, stdin) == NULL) {
		log_warnx(_("cannot use the terminal type '%s'"),
		    term != NULL ? term : "");
		return -1;
	}
	ui_started = 1;
	log_set_cleanup(ui_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_colors();
	return 0;
}

/* Leave the screen and save; 1 if the cache could not be saved. */
static int
ui_stop(struct ui *u)
{
	char	*cause = NULL;
	int	 rc = 0;

	fetch_cancel();
	win_free(&u->w_title);
	win_free(&u->w_main);
	win_free(&u->w_side);
	win_free(&u->w_status);
	win_free(&u->w_full);
	endwin();
	log_set_sink(NULL);
	log_set_cleanup(NULL);
	ui_started = 0;
	if (store_save(u->st, u->fl, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		rc = 1;
	}
	ui_article_clear(u);
	ui_rows_free(u);
	free(u->message);
	return rc;
}

/* The interface until the reader quits.  Returns the exit status. */
int
ui_run(struct feedlist *fl, struct store *st, int refresh)
{
	unsigned	 key, sigs;
	time_t		 now;

	memset(&ui, 0, sizeof ui);
	ui.fl = fl;
	ui.st = st;
	ui.layout_pref = (int)options_number(OPT_LAYOUT);
	if (ui_start() != 0)
		return 1;
	log_set_sink(ui_sink);
	ui_actions_init(&ui);
	ui_rows_init(&ui);
	ui_layout(&ui);
	if (refresh)
		ui_reload(&ui, NULL);
	ui.next_auto = poller_next(fl, time(NULL));
	while (!ui.quit) {
		now = time(NULL);
		if (ui.child == 0)
			ui_draw(&ui);
		if (!ui.deduped) {
			/* After the first frame: group the stories. */
			ui.model_changed = 1;
			continue;
		}
		sigs = ui_wait(&ui, ui_timeout(&ui, now));
		if (sigs & (SIGNAL_INT | SIGNAL_TERM))
			break;
		while (ui.child == 0 && !ui.quit &&
		    (key = ui_read_key()) != 0) {
			log_debug("key %u", key);
			if (ui.model_changed)	/* act on the merged items */
				ui_rows_rebuild(&ui);
			if (key == KEYC_LAST)	/* curses knows the size */
				ui_layout(&ui);
			else
				ui_key_pressed(&ui, key);
		}
		now = time(NULL);
		if (ui.message != NULL && now >= ui.message_until) {
			free(ui.message);
			ui.message = NULL;
			ui.dirty |= UI_DIRTY_ALL;
		}
		ui_auto_reload(&ui, now);
	}
	return ui_stop(&ui);
}
