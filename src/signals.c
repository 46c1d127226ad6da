/*
 * The self-pipe.  A signal that arrives between the loop's last look at
 * the flags and its wait would otherwise sleep until the next timeout;
 * the byte in the pipe wakes the wait instead.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"

/* One flag per kind: taking a flag never loses another kind's arrival. */
static volatile sig_atomic_t	 signals_flag[4];
static int			 signals_pipe[2] = { -1, -1 };

static void
signals_handler(int sig)
{
	int	 saved = errno;
	char	 c = 0;

	switch (sig) {
	case SIGINT:
		signals_flag[0] = 1;
		break;
	case SIGTERM:
	case SIGHUP:
		signals_flag[1] = 1;
		break;
	case SIGWINCH:
		signals_flag[2] = 1;
		break;
	case SIGCHLD:
		signals_flag[3] = 1;
		break;
	}
	(void)!write(signals_pipe[1], &c, 1);
	errno = saved;
}

static int
nonblock(int fd)
{
	int	 fl = fcntl(fd, F_GETFL);

	if (fl == -1 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/*
 * Install the handlers.  This must run before initscr(): ncurses only
 * installs its own SIGWINCH handler where the disposition is the default.
 */
int
signals_init(void)
{
	struct sigaction	 sa;
	const int		 sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH,
				    SIGCHLD };
	size_t			 i;

	if (pipe(signals_pipe) == -1 || nonblock(signals_pipe[0]) == -1 ||
	    nonblock(signals_pipe[1]) == -1)
		return -1;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = signals_handler;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		if (sigaction(sigs[i], &sa, NULL) == -1)
			return -1;
	}
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGPIPE, &sa, NULL);
}

int
signals_fd(void)
{
	return signals_pipe[0];
}

/* Which signals arrived since the last call?  Empties the pipe. */
unsigned
signals_take(void)
{
	char		 drain[64];
	unsigned	 got = 0, i;

	while (read(signals_pipe[0], drain, sizeof drain) > 0)
		;
	for (i = 0; i < 4; i++) {
		if (signals_flag[i]) {
			signals_flag[i] = 0;
			got |= 1u << i;
		}
	}
	return got;
}
