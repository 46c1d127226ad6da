/*
 * Signals as events: handlers only set a flag and write a byte to a pipe
 * that the event loop watches; the loop does the work.
 */
#ifndef SSNEWS_SIGNALS_H
#define SSNEWS_SIGNALS_H

#define SIGNAL_INT	0x01
#define SIGNAL_TERM	0x02	/* TERM or HUP */
#define SIGNAL_WINCH	0x04
#define SIGNAL_CHLD	0x08

int		 signals_init(void);
int		 signals_fd(void);
unsigned	 signals_take(void);

#endif
