/*
 * Feed downloads with libcurl's multi interface.
 *
 * Transfers wait in a queue and start while fewer than
 * max-parallel-downloads run and fewer than max-per-host run against the
 * same host; loopback hosts are exempt from the per-host limit, which is
 * politeness towards other people's servers.  Each response body is
 * pushed into its feed's parser as it arrives, so no body is ever held
 * whole.  Limits: max-download-size (curl's own check and ours, which
 * also covers compressed and chunked bodies), connect-timeout,
 * download-timeout, stall-timeout (low-speed abort), 8 redirects, and
 * only http and https (file for file:// feeds) are ever fetched, before
 * or after a redirect.
 */
#include "config.h"

#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "date.h"
#include "feed.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "options.h"
#include "parse.h"
#include "text.h"
#include "buf.h"
#include "xmalloc.h"

#define MAX_REDIRECTS		8
#define MAX_RETRY_AFTER		(24 * 60 * 60)	/* we wait a day at most */
#define MAX_VALIDATOR		1024		/* ETag, Last-Modified */

struct transfer {
	CURL			*easy;
	struct feed		*feed;
	fetch_done_cb		 done;
	void			*arg;
	struct parser		*parser;
	struct curl_slist	*headers;
	char			*host;		/* NULL: no per-host limit */
	char			 errbuf[CURL_ERROR_SIZE];
	char			 reason[64];	/* of the last status line */
	long			 status;
	char			*etag;
	char			*last_modified;
	char			*charset;
	time_t			 retry_after;
	int			 responses;
	int			 permanent;	/* every redirect was 301/308 */
	size_t			 bytes;
	int			 too_big;
	int			 refused;	/* a status we do not parse */
	int			 parse_failed;	/* the parser stopped it */
	struct transfer		*next;		/* in the queue */
};

struct host_count {
	char		*host;
	unsigned	 n;
};

static struct {
	CURLM			*multi;
	struct transfer		*head, *tail;	/* the queue */
	size_t			 nqueued;
	struct transfer		*active;	/* running, linked by next */
	size_t			 nactive;
	struct host_count	*hosts;
	size_t			 nhosts;
} fetch;

static void	transfer_free(struct transfer *);

int
fetch_init(char **cause)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		*cause = xstrdup(_("cannot initialise libcurl"));
		return -1;
	}
	fetch.multi = curl_multi_init();
	if (fetch.multi == NULL) {
		*cause = xstrdup(_("cannot initialise libcurl"));
		return -1;
	}
	/* We schedule per host ourselves; curl only caps connections. */
	curl_multi_setopt(fetch.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)options_number(OPT_MAX_PARALLEL_DOWNLOADS));
	curl_multi_setopt(fetch.multi, CURLMOPT_MAXCONNECTS,
	    (long)options_number(OPT_MAX_PARALLEL_DOWNLOADS));
	/* Not curl_version(): it initialises libldap, which reads files. */
	log_debug("libcurl %s", fetch_version());
	if (!fetch_async_dns())
		log_debug("libcurl resolves names synchronously: a slow DNS "
		    "server can stall the interface");
	return 0;
}

void
fetch_cleanup(void)
{
	fetch_cancel();
	if (fetch.multi != NULL)
		curl_multi_cleanup(fetch.multi);
	fetch.multi = NULL;
	free(fetch.hosts);
	fetch.hosts = NULL;
	curl_global_cleanup();
}

const char *
fetch_version(void)
{
	return curl_version_info(CURLVERSION_NOW)->version;
}

int
fetch_async_dns(void)
{
	return (curl_version_info(CURLVERSION_NOW)->features &
	    CURL_VERSION_ASYNCHDNS) != 0;
}

size_t
fetch_active(void)
{
	return fetch.nactive;
}

size_t
fetch_queued(void)
{
	return fetch.nqueued;
}

/* Is this URL host this machine: localhost, 127.0.0.0/8 or ::1? */
static int
host_is_loopback(const char *host)
{
	struct in_addr	 a;

	if (strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0)
		return 1;
	return inet_pton(AF_INET, host, &a) == 1 &&
	    (ntohl(a.s_addr) >> 24) == 127;
}

/*
 * The host a transfer counts against, or NULL for file: and for loopback
 * addresses, which the per-host limit does not cover.
 */
static char *
url_host(const char *url)
{
	CURLU	*u;
	char	*host = NULL, *copy = NULL;

	if (strncmp(url, "file:", 5) == 0)
		return NULL;
	u = curl_url();
	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		if (!host_is_loopback(host))
			copy = xstrdup(host);
		curl_free(host);
	}
	curl_url_cleanup(u);
	return copy;
}

static struct host_count *
host_find(const char *host, int create)
{
	size_t	 i;

	for (i = 0; i < fetch.nhosts; i++) {
		if (strcmp(fetch.hosts[i].host, host) == 0)
			return &fetch.hosts[i];
	}
	if (!create)
		return NULL;
	fetch.hosts = xreallocarray(fetch.hosts, fetch.nhosts + 1,
	    sizeof *fetch.hosts);
	fetch.hosts[fetch.nhosts].host = xstrdup(host);
	fetch.hosts[fetch.nhosts].n = 0;
	return &fetch.hosts[fetch.nhosts++];
}

/* Take a header's value: trimmed, at most MAX_VALIDATOR, no controls. */
static char *
header_value(const char *p, size_t len)
{
	struct buf	 b;

	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == '\n' ||
	    p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 0 || len > MAX_VALIDATOR)
		return NULL;
	buf_init(&b, MAX_VALIDATOR * 4);
	text_clean(&b, p, len, TEXT_ONELINE);
	return buf_take(&b);
}

/* Is the header line p (len bytes) the named header?  Points at its value. */
static const char *
header_is(const char *p, size_t len, const char *name, size_t *vlen)
{
	size_t	 n = strlen(name);

	if (len <= n || strncasecmp(p, name, n) != 0 || p[n] != ':')
		return NULL;
	*vlen = len - n - 1;
	return p + n + 1;
}

/* Retry-After: seconds, or an HTTP date; capped at a day. */
static time_t
retry_after(const char *v)
{
	time_t	 now = time(NULL), t;
	char	*end;
	long	 s;

	s = strtol(v, &end, 10);
	if (end != v && *end == '\0' && s >= 0)
		t = now + (s < MAX_RETRY_AFTER ? s : MAX_RETRY_AFTER);
	else if (date_parse(v, &t) != 0)
		return 0;
	if (t > now + MAX_RETRY_AFTER)
		t = now + MAX_RETRY_AFTER;
	return t > now ? t : 0;
}

/* A status line starts a response (there is one per redirect hop). */
static void
status_line(struct transfer *t, const char *p, size_t len)
{
	const char	*sp;
	size_t		 n;

	t->responses++;
	t->status = 0;
	t->reason[0] = '\0';
	free(t->etag);
	free(t->last_modified);
	free(t->charset);
	t->etag = t->last_modified = t->charset = NULL;
	t->retry_after = 0;
	sp = memchr(p, ' ', len);
	if (sp == NULL)
		return;
	t->status = strtol(sp + 1, NULL, 10);
	sp = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - p));
	if (sp != NULL) {
		n = len - (size_t)(sp + 1 - p);
		while (n > 0 && (sp[n] == '\r' || sp[n] == '\n'))
			n--;
		if (n >= sizeof t->reason)
			n = sizeof t->reason - 1;
		memcpy(t->reason, sp + 1, n);
		t->reason[n] = '\0';
	}
	if (t->status >= 300 && t->status < 400 && t->status != 304)
		t->permanent = (t->responses == 1 || t->permanent) &&
		    (t->status == 301 || t->status == 308);
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct transfer	*t = arg;
	const char	*v, *cs;
	size_t		 len = size * n, vlen;
	char		*s;

	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		status_line(t, p, len);
		return len;
	}
	if ((v = header_is(p, len, "ETag", &vlen)) != NULL) {
		free(t->etag);
		t->etag = header_value(v, vlen);
	} else if ((v = header_is(p, len, "Last-Modified", &vlen)) != NULL) {
		free(t->last_modified);
		t->last_modified = header_value(v, vlen);
	} else if ((v = header_is(p, len, "Retry-After", &vlen)) != NULL) {
		s = header_value(v, vlen);
		t->retry_after = s != NULL ? retry_after(s) : 0;
		free(s);
	} else if ((v = header_is(p, len, "Content-Type", &vlen)) != NULL) {
		s = header_value(v, vlen);
		cs = s != NULL ? strstr(s, "charset=") : NULL;
		free(t->charset);
		t->charset = NULL;
		if (cs != NULL) {
			cs += 8;
			t->charset = xstrndup(cs + (*cs == '"'),
			    strcspn(cs + (*cs == '"'), "\"; "));
		}
		free(s);
	}
	return len;
}

/* Body bytes: straight into the parser, within the size limit. */
static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct transfer	*t = arg;
	size_t		 len = size * n;
	char		*url = NULL;

	if (t->status >= 300) {
		t->refused = 1;
		return 0;	/* an error page: not worth reading */
	}
	t->bytes += len;
	if (t->bytes > (size_t)options_number(OPT_MAX_DOWNLOAD_SIZE)) {
		t->too_big = 1;
		return 0;
	}
	if (t->parser == NULL) {
		struct parse_limits	 lim;

		parse_limits_default(&lim);
		lim.max_body = (size_t)options_number(OPT_MAX_DOWNLOAD_SIZE);
		curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
		t->parser = parse_new(url != NULL ? url : t->feed->url,
		    t->charset, &lim, NULL, NULL);
	}
	if (parse_push(t->parser, p, len) != 0) {
		t->parse_failed = 1;
		return 0;	/* the parser gave up: stop downloading */
	}
	return len;
}

/* Set up the easy handle of a transfer. */
static void
transfer_setup(struct transfer *t)
{
	const struct feed	*f = t->feed;
	const char		*proxy = options_string(OPT_PROXY);
	char			*h;
	CURL			*e;

	e = t->easy = curl_easy_init();
	if (e == NULL)
		fatalx("curl_easy_init failed");
	curl_easy_setopt(e, CURLOPT_URL, f->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR,
	    strncmp(f->url, "file:", 5) == 0 ? "file" : "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, strncmp(f->url, "file:", 5) ==
	    0 ? (long)CURLPROTO_FILE : (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT,
	    (long)options_number(OPT_CONNECT_TIMEOUT));
	curl_easy_setopt(e, CURLOPT_TIMEOUT,
	    (long)options_number(OPT_DOWNLOAD_TIMEOUT));
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 10L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
	    (long)options_number(OPT_STALL_TIMEOUT));
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)options_number(OPT_MAX_DOWNLOAD_SIZE));
	curl_easy_setopt(e, CURLOPT_USERAGENT, options_string(OPT_USER_AGENT));
	if (*proxy != '\0')
		curl_easy_setopt(e, CURLOPT_PROXY, proxy);
	/* Over TLS, wait to share an HTTP/2 connection to the host; over
	 * plain HTTP there is none to share, and waiting would queue a
	 * second feed behind a slow first one until its headers came. */
	if (strncmp(f->url, "https:", 6) == 0)
		curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	t->headers = curl_slist_append(NULL, "Accept: application/rss+xml, "
	    "application/atom+xml, application/rdf+xml;q=0.9, "
	    "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5");
	if (f->etag != NULL) {
		h = xasprintf("If-None-Match: %s", f->etag);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (f->last_modified != NULL) {
		h = xasprintf("If-Modified-Since: %s", f->last_modified);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
}

/* Queue a feed for download; done is called when it has finished. */
void
fetch_start(struct feed *f, fetch_done_cb done, void *arg)
{
	struct transfer	*t;

	t = xcalloc(1, sizeof *t);
	t->feed = f;
	t->done = done;
	t->arg = arg;
	t->host = url_host(f->url);
	if (fetch.tail != NULL)
		fetch.tail->next = t;
	else
		fetch.head = t;
	fetch.tail = t;
	fetch.nqueued++;
}

/* May this transfer start now, with respect to its host's limit? */
static int
host_allows(const struct transfer *t)
{
	struct host_count	*hc;

	if (t->host == NULL)
		return 1;
	hc = host_find(t->host, 0);
	return hc == NULL ||
	    hc->n < (unsigned)options_number(OPT_MAX_PER_HOST);
}

/* Start queued transfers while the limits allow. */
static void
fetch_schedule(void)
{
	struct transfer	*t, *prev = NULL, *next;
	size_t		 max = (size_t)options_number(
			    OPT_MAX_PARALLEL_DOWNLOADS);

	for (t = fetch.head; t != NULL && fetch.nactive < max; t = next) {
		next = t->next;
		if (!host_allows(t)) {
			prev = t;
			continue;
		}
		if (prev != NULL)
			prev->next = next;
		else
			fetch.head = next;
		if (fetch.tail == t)
			fetch.tail = prev;
		t->next = NULL;
		fetch.nqueued--;
		if (t->host != NULL)
			host_find(t->host, 1)->n++;
		transfer_setup(t);
		curl_multi_add_handle(fetch.multi, t->easy);
		t->next = fetch.active;
		fetch.active = t;
		fetch.nactive++;
	}
}

/*
 * Wait until a transfer needs attention, one of fds is readable, or
 * timeout_ms passes (curl shortens it to its own timers).
 */
int
fetch_wait(struct fetch_waitfd *fds, unsigned nfds, int timeout_ms)
{
	struct curl_waitfd	 w[8];
	CURLMcode		 mc;
	unsigned		 i;

	fetch_schedule();
	if (nfds > 8)
		nfds = 8;
	for (i = 0; i < nfds; i++) {
		w[i].fd = fds[i].fd;
		w[i].events = CURL_WAIT_POLLIN;
		w[i].revents = 0;
	}
	mc = curl_multi_poll(fetch.multi, w, nfds, timeout_ms, NULL);
	if (mc != CURLM_OK)
		fatalx("curl_multi_poll: %s", curl_multi_strerror(mc));
	for (i = 0; i < nfds; i++)
		fds[i].revents = w[i].revents != 0;
	return 0;
}

/* A short message for a failed transfer. */
static char *
transfer_error(struct transfer *t, CURLcode code, char **parse_cause)
{
	if (t->refused || (code == CURLE_OK && t->status >= 400))
		return t->reason[0] != '\0' ?
		    xasprintf("HTTP %ld %s", t->status, t->reason) :
		    xasprintf("HTTP %ld", t->status);
	if (t->too_big || code == CURLE_FILESIZE_EXCEEDED)
		return xasprintf(_("larger than %lld KiB"),
		    options_number(OPT_MAX_DOWNLOAD_SIZE) >> 10);
	if (*parse_cause != NULL && (code == CURLE_OK || t->parse_failed)) {
		char	*s = *parse_cause;

		*parse_cause = NULL;
		return s;
	}
	if (code == CURLE_OK && t->status >= 300)
		return xasprintf("HTTP %ld", t->status);
	if (code == CURLE_UNSUPPORTED_PROTOCOL)
		return xstrdup(_("redirected to an address that is not "
		    "http or https"));
	if (code == CURLE_TOO_MANY_REDIRECTS)
		return xasprintf(_("more than %d redirects"), MAX_REDIRECTS);
	if (code == CURLE_OPERATION_TIMEDOUT)
		return xstrdup(_("timed out"));
	if (t->errbuf[0] != '\0')
		return xstrdup(t->errbuf);
	return xstrdup(curl_easy_strerror(code));
}

/* A transfer is over: build the result and hand it to the caller. */
static void
transfer_done(struct transfer *t, CURLcode code)
{
	struct fetch_result	 r;
	char			*cause = NULL, *url = NULL;

	memset(&r, 0, sizeof r);
	r.feed = t->feed;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r.status);
	if (t->status == 0)
		t->status = r.status;
	if (t->parser != NULL)
		r.parsed = parse_finish(t->parser, &cause);
	/*
	 * Items parsed from a transfer that failed (timed out, cut, too big)
	 * are not merged: the next reload reads the feed whole.  Only the
	 * parser's own limits keep what came before them.
	 */
	if ((code != CURLE_OK && !t->parse_failed) || t->too_big) {
		feed_free(r.parsed);
		r.parsed = NULL;
	}
	if (code == CURLE_OK && t->status == 304)
		r.not_modified = 1;
	else if (code != CURLE_OK || t->status >= 300 || cause != NULL)
		r.error = transfer_error(t, code, &cause);
	else if (r.parsed == NULL)
		r.error = xstrdup(_("not a feed: the document is empty"));
	if (t->status == 429 || t->status == 503)
		r.retry_after = t->retry_after;
	if (r.error == NULL || r.not_modified) {
		r.etag = t->etag;
		r.last_modified = t->last_modified;
		t->etag = t->last_modified = NULL;
	}
	if (t->permanent && t->responses > 1 && code == CURLE_OK &&
	    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url) ==
	    CURLE_OK && url != NULL && strcmp(url, t->feed->url) != 0)
		r.moved_to = xstrdup(url);
	free(cause);
	t->done(&r, t->arg);
	feed_free(r.parsed);
	free(r.error);
	free(r.etag);
	free(r.last_modified);
	free(r.moved_to);
}

static void
transfer_free(struct transfer *t)
{
	struct host_count	*hc;

	if (t->easy != NULL) {
		curl_multi_remove_handle(fetch.multi, t->easy);
		curl_easy_cleanup(t->easy);
		if (t->host != NULL && (hc = host_find(t->host, 0)) != NULL &&
		    hc->n > 0)
			hc->n--;
	}
	curl_slist_free_all(t->headers);
	parse_free(t->parser);
	free(t->host);
	free(t->etag);
	free(t->last_modified);
	free(t->charset);
	free(t);
}

static void
active_remove(struct transfer *t)
{
	struct transfer	**pp;

	for (pp = &fetch.active; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			fetch.nactive--;
			return;
		}
	}
}

/* Advance the transfers; report finished ones; start queued ones. */
void
fetch_perform(void)
{
	struct transfer	*t;
	CURLMsg		*msg;
	int		 running, left;
	char		*priv;

	curl_multi_perform(fetch.multi, &running);
	while ((msg = curl_multi_info_read(fetch.multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
		t = (struct transfer *)(void *)priv;
		active_remove(t);
		transfer_done(t, msg->data.result);
		transfer_free(t);
	}
	fetch_schedule();
}

/* Drop every transfer, running or queued, without reporting them. */
void
fetch_cancel(void)
{
	struct transfer	*t, *next;

	for (t = fetch.head; t != NULL; t = next) {
		next = t->next;
		transfer_free(t);
	}
	fetch.head = fetch.tail = NULL;
	fetch.nqueued = 0;
	for (t = fetch.active; t != NULL; t = next) {
		next = t->next;
		transfer_free(t);
	}
	fetch.active = NULL;
	fetch.nactive = 0;
}
