/* The interface (being written). */
#include "config.h"

#include <stdio.h>

#include <curses.h>

#include "i18n.h"
#include "ui.h"

const char *
ui_version(void)
{
	return curses_version();
}

int
ui_run(struct feedlist *fl, struct store *st, int refresh)
{
	(void)fl;
	(void)st;
	(void)refresh;
	fprintf(stderr, "ssnews: the interface is not built yet\n");
	return 1;
}
