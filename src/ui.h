/* The interface: the only code that draws (see ui*.c). */
#ifndef SSNEWS_UI_H
#define SSNEWS_UI_H

struct feedlist;
struct store;

int		 ui_run(struct feedlist *, struct store *, int);
const char	*ui_version(void);

#endif
