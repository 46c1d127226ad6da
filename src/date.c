/*
 * Feed dates.  RSS uses RFC 822 dates and Atom RFC 3339 ones, and real
 * feeds add every kind of damage: two-digit years, localised names, missing
 * seconds, stray commas.  What can be read without guessing is accepted,
 * the rest rejected, and the result depends neither on locale nor on TZ.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <time.h>

#include "date.h"

#define DATE_MAXTOKENS	10		/* the longest form has 8 */
#define DATE_MAXWORD	15		/* longer than any name we know */
#define DATE_MAXDIGITS	9		/* fits an int; longer runs fail */
#define DATE_MAXOFFSET	(24 * 60)	/* minutes */
#define DATE_EPOCH	719162		/* days from 0001-01-01 to 1970-01-01 */

/* ASCII only, so that the locale has no say. */
#define DATE_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define DATE_ALPHA(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')
#define DATE_SPACE(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define DATE_LEAP(y)	((y) % 4 == 0 && ((y) % 100 != 0 || (y) % 400 == 0))

struct date_fields {
	int	 year, mon, day;
	int	 hour, min, sec;
	int	 off;			/* minutes east of UTC */
};

enum date_type { DATE_NUM, DATE_WORD, DATE_TIME, DATE_OFFSET, DATE_COMMENT };

struct date_token {
	enum date_type	 type;
	int		 glued;		/* no separator before it */
	int		 num, ndigits;	/* DATE_NUM */
	int		 hour, min, sec; /* DATE_TIME */
	int		 off;		/* DATE_OFFSET, or zone of DATE_WORD */
	int		 mon;		/* DATE_WORD: month 1-12, or 0 */
	int		 wday;		/* DATE_WORD: a weekday name */
	int		 zone;		/* DATE_WORD: a zone name */
	int		 utc;		/* DATE_WORD: GMT, UT or UTC */
	char		 word[DATE_MAXWORD + 1];
};

struct date_name {
	const char	*name;
	int		 value;
};

static int	date_digits(const char **, int, int *);
static int	date_offset(const char **, int *);
static int	date_fold(const char **, char *, size_t, int *);
static int	date_begins(const char *const *, size_t, const char *, size_t);
static int	date_month(const char *, size_t);
static int	date_zone(const char *, int);
static int	date_hms(const char **, int *, int *, int *);
static int	date_iso_zone(const char **, int *);
static int	date_iso(const char *, struct date_fields *);
static int	date_tok_word(const char **, struct date_token *);
static int	date_tok_number(const char **, struct date_token *);
static int	date_tok_one(const char **, struct date_token *, int);
static int	date_tokenize(const char *, struct date_token *, int);
static int	date_rfc(const struct date_token *, int, struct date_fields *);
static long long date_days(int, int, int);
static int	date_make(const struct date_fields *, time_t *);

/*
 * Month names in English, French, Spanish and German, folded to lower-case
 * ASCII ("février" is "fevrier", "März" "marz"), and variants that begin no
 * full name.  A word of three letters or more is a month if it begins names
 * of that month only: "Sept", "févr.", "juil", "Okt" are, "jui" is not.
 */
static const struct date_name date_months[] = {
	{ "january", 1 }, { "janvier", 1 }, { "enero", 1 }, { "januar", 1 },
	{ "janner", 1 },
	{ "february", 2 }, { "fevrier", 2 }, { "febrero", 2 },
	{ "februar", 2 },
	{ "march", 3 }, { "mars", 3 }, { "marzo", 3 }, { "marz", 3 },
	{ "maerz", 3 }, { "mrz", 3 },
	{ "april", 4 }, { "avril", 4 }, { "abril", 4 },
	{ "may", 5 }, { "mai", 5 }, { "mayo", 5 },
	{ "june", 6 }, { "juin", 6 }, { "junio", 6 }, { "juni", 6 },
	{ "july", 7 }, { "juillet", 7 }, { "julio", 7 }, { "juli", 7 },
	{ "august", 8 }, { "aout", 8 }, { "agosto", 8 },
	{ "september", 9 }, { "septembre", 9 }, { "septiembre", 9 },
	{ "setiembre", 9 },
	{ "october", 10 }, { "octobre", 10 }, { "octubre", 10 },
	{ "oktober", 10 },
	{ "november", 11 }, { "novembre", 11 }, { "noviembre", 11 },
	{ "december", 12 }, { "decembre", 12 }, { "diciembre", 12 },
	{ "dezember", 12 }
};

/*
 * Weekdays in the same languages.  A weekday is skipped, never checked (feeds
 * get it wrong), so a word of two letters or more that begins one will do.
 */
static const char *const date_wdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "weds",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
	"dimanche",
	"lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
	"domingo",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
	"sonnabend", "sonntag"
};

/*
 * Zones, minutes east of UTC: RFC 822's, then a few feeds use that mean one
 * thing only; BST, IST, AST and the like are missing on purpose, so that a
 * date using them fails rather than land hours off.  The first three may
 * take an offset ("GMT+0200"); "z" stands for the military zones too.
 */
static const struct date_name date_zones[] = {
	{ "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "wet", 0 }, { "west", 60 }, { "cet", 60 }, { "cest", 120 },
	{ "met", 60 }, { "mest", 120 }, { "mez", 60 }, { "mesz", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "hst", -600 }, { "akst", -540 },
	{ "akdt", -480 }, { "jst", 540 }, { "aest", 600 }, { "aedt", 660 },
	{ "nzst", 720 }, { "nzdt", 780 }
};
#define DATE_ZONE_UTC	3	/* entries before this may take an offset */
#define DATE_ZONE_Z	3

/* Latin-1 letters (UTF-8 0xc3 0x80-0xbf) by their low five bits. */
static const char date_latin[] = "aaaaaa?ceeeeiiii?nooooo?ouuuuy??";

/* Days before each month of a common year, and in the whole year. */
static const int date_before[13] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365
};

/* Read exactly n digits; stops at the first non-digit, so never past NUL. */
static int
date_digits(const char **sp, int n, int *v)
{
	const char	*s = *sp;
	int		 i;

	for (*v = 0, i = 0; i < n; i++) {
		if (!DATE_DIGIT(s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	return 0;
}

/* Read a numeric zone, +hh, +hhmm or +hh:mm, of at most 24 hours. */
static int
date_offset(const char **sp, int *off)
{
	const char	*s = *sp;
	int		 sign, h, m = 0;

	sign = *s++ == '-' ? -1 : 1;
	if (date_digits(&s, 2, &h) == -1)
		return -1;
	if (*s == ':' || DATE_DIGIT(*s)) {
		s += *s == ':';
		if (date_digits(&s, 2, &m) == -1)
			return -1;
	}
	if (m > 59 || h * 60 + m > DATE_MAXOFFSET)
		return -1;
	*off = sign * (h * 60 + m);
	*sp = s;
	return 0;
}

/*
 * Read a word and a trailing dot, folded to lower-case ASCII so "FÉVR." is
 * "fevr"; a byte that is no Latin-1 letter, or a long word, fails.
 */
static int
date_fold(const char **sp, char *w, size_t size, int *ascii)
{
	const unsigned char	*s = (const unsigned char *)*sp;
	size_t			 len = 0;
	int			 c;

	for (*ascii = 1; DATE_ALPHA(*s) || *s >= 0x80; s++) {
		if (*s < 0x80)
			c = *s | 0x20;
		else if (*s == 0xc3 && s[1] >= 0x80 && s[1] <= 0xbf) {
			c = date_latin[*++s & 0x1f];
			*ascii = 0;
		} else
			return -1;
		if (c == '?' || len + 1 >= size)
			return -1;
		w[len++] = (char)c;
	}
	w[len] = '\0';
	*sp = (const char *)s + (*s == '.');
	return (int)len;
}

/* Does w begin one of the n names? */
static int
date_begins(const char *const *names, size_t n, const char *w, size_t len)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (names[i][0] == w[0] && strncmp(names[i], w, len) == 0)
			return 1;
	}
	return 0;
}

/* The month w names, or 0 if none or if it begins names of two months. */
static int
date_month(const char *w, size_t len)
{
	size_t	 i;
	int	 mon = 0;

	for (i = 0; len >= 3 && i < sizeof date_months / sizeof date_months[0];
	    i++) {
		if (date_months[i].name[0] != w[0] ||
		    strncmp(date_months[i].name, w, len) != 0)
			continue;
		if (mon != 0 && mon != date_months[i].value)
			return 0;
		mon = date_months[i].value;
	}
	return mon;
}

/*
 * The date_zones index of a name, or -1.  RFC 822 got the signs of the
 * military zones wrong, so RFC 2822 4.3 takes them all as -0000 (offset
 * unknown): if military is set, A-I and K-Y are read as UTC, like Z.
 */
static int
date_zone(const char *w, int military)
{
	size_t	 i;

	for (i = 0; i < sizeof date_zones / sizeof date_zones[0]; i++) {
		if (w[0] == date_zones[i].name[0] &&	/* most differ here */
		    strcmp(w, date_zones[i].name) == 0)
			return (int)i;
	}
	if (military && w[0] != '\0' && w[0] != 'j' && w[1] == '\0')
		return DATE_ZONE_Z;
	return -1;
}

/*
 * Read h:mm or hh:mm, then :ss and a fraction (ignored, at most nine
 * digits) if there: the time in both forms.
 */
static int
date_hms(const char **sp, int *h, int *m, int *sec)
{
	const char	*s = *sp;
	size_t		 n;
	int		 secs;

	if (date_digits(&s, DATE_DIGIT(s[0]) && DATE_DIGIT(s[1]) ? 2 : 1,
	    h) == -1 || *s++ != ':' || date_digits(&s, 2, m) == -1)
		return -1;
	*sec = 0;
	if ((secs = *s == ':')) {
		s++;
		if (date_digits(&s, 2, sec) == -1)
			return -1;
	}
	n = secs && (*s == '.' || *s == ',') ?
	    strspn(s + 1, "0123456789") : 0;
	if (n > DATE_MAXDIGITS)
		return -1;
	*sp = s + (n > 0 ? n + 1 : 0);
	return 0;
}

/* The zone after an RFC 3339 time: Z, an offset or, after spaces, a name. */
static int
date_iso_zone(const char **sp, int *off)
{
	const char	*s = *sp;
	char		 w[DATE_MAXWORD + 1];
	int		 i, ascii;

	if (*s == 'Z' || *s == 'z') {
		*sp = s + 1;
		return 0;
	}
	while (DATE_SPACE(*s))
		s++;
	if (*s == '+' || *s == '-') {
		*sp = s;
		return date_offset(sp, off);
	}
	if (!DATE_ALPHA(*s))
		return 0;
	if (date_fold(&s, w, sizeof w, &ascii) == -1 ||
	    (i = date_zone(w, 0)) == -1)
		return -1;
	*off = date_zones[i].value;
	*sp = s;
	return 0;
}

/*
 * RFC 3339 and W3CDTF, YYYY[-MM[-DD[Thh:mm[:ss[.f]][zone]]]], also with
 * "t" or spaces for "T" and "z" for "Z".
 */
static int
date_iso(const char *s, struct date_fields *f)
{
	const char	*p;

	if (date_digits(&s, 4, &f->year) == -1)
		return -1;
	if (*s == '-') {
		s++;
		if (date_digits(&s, 2, &f->mon) == -1)
			return -1;
		if (*s == '-') {
			s++;
			if (date_digits(&s, 2, &f->day) == -1)
				return -1;
			for (p = s; DATE_SPACE(*p); p++)
				/* nothing */;
			if (*s == 'T' || *s == 't')
				p = s + 1;
			else if (p == s || !DATE_DIGIT(*p))
				p = NULL;
			if (p != NULL && (date_hms(&p, &f->hour, &f->min,
			    &f->sec) == -1 || date_iso_zone(&p, &f->off) == -1))
				return -1;
			if (p != NULL)
				s = p;
		}
	}
	while (DATE_SPACE(*s))
		s++;
	return *s == '\0' ? 0 : -1;
}

/* Read a word and note what it can name; a word naming nothing fails. */
static int
date_tok_word(const char **sp, struct date_token *t)
{
	int	 len, ascii, i;

	if ((len = date_fold(sp, t->word, sizeof t->word, &ascii)) == -1)
		return -1;
	t->type = DATE_WORD;
	t->mon = date_month(t->word, (size_t)len);
	t->wday = len >= 2 && date_begins(date_wdays,
	    sizeof date_wdays / sizeof date_wdays[0], t->word, (size_t)len);
	if (ascii && (i = date_zone(t->word, 1)) != -1) {
		t->zone = 1;
		t->utc = i < DATE_ZONE_UTC;
		t->off = date_zones[i].value;
	}
	return t->mon != 0 || t->wday || t->zone ? 0 : -1;
}

/*
 * Read a number, or a time if a colon follows; long runs fail rather than
 * overflow.  A day may end in a dot, as in German ("30. Juni").
 */
static int
date_tok_number(const char **sp, struct date_token *t)
{
	const char	*s = *sp;
	int		 n = 0, v = 0;

	while (DATE_DIGIT(*s)) {
		if (++n > DATE_MAXDIGITS)
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	if (*s == ':' && n <= 2) {
		t->type = DATE_TIME;
		return date_hms(sp, &t->hour, &t->min, &t->sec);
	}
	t->type = DATE_NUM;
	t->num = v;
	t->ndigits = n;
	*sp = s + (*s == '.' && n <= 2);
	return 0;
}

/*
 * Read one token.  A sign starts an offset once the time is known; an RFC
 * 2822 comment ("+0200 (CEST)") is skipped but must end the date.
 */
static int
date_tok_one(const char **sp, struct date_token *t, int timed)
{
	const char	*s = *sp;
	int		 c = (unsigned char)*s;

	if (DATE_DIGIT(c))
		return date_tok_number(sp, t);
	if (DATE_ALPHA(c) || c >= 0x80)
		return date_tok_word(sp, t);
	if ((c == '+' || c == '-') && timed) {
		t->type = DATE_OFFSET;
		return date_offset(sp, &t->off);
	}
	if (c != '(')
		return -1;
	t->type = DATE_COMMENT;
	s += 1 + strcspn(s + 1, "()");
	if (*s != ')')
		return -1;
	for (s++; DATE_SPACE(*s); s++)
		/* nothing */;
	*sp = s;
	return *s == '\0' ? 0 : -1;
}

/*
 * Split an RFC 822-like date into at most max tokens; the count, or -1.
 * Spaces and at most one comma separate tokens, and a dash separates the
 * parts of RFC 850 dates ("30-Jun-24").  Only an offset ("GMT+0200") or a
 * comment may touch the token before it.
 */
static int
date_tokenize(const char *s, struct date_token *t, int max)
{
	int	 n = 0, nsep, ncomma, timed = 0;

	for (;;) {
		for (nsep = ncomma = 0; DATE_SPACE(*s) || *s == ','; s++) {
			ncomma += *s == ',';
			nsep++;
		}
		if (n > 0 && nsep == 0 && *s == '-' && !timed &&
		    ((t[n - 1].type == DATE_NUM && (DATE_ALPHA(s[1]) ||
		    (unsigned char)s[1] >= 0x80)) ||
		    (t[n - 1].type == DATE_WORD && DATE_DIGIT(s[1])))) {
			s++;
			nsep++;
		}
		if (*s == '\0')
			return ncomma == 0 ? n : -1;
		if (n == max || ncomma > 1 || (n == 0 && ncomma > 0))
			return -1;
		memset(&t[n], 0, sizeof t[n]);
		t[n].glued = n > 0 && nsep == 0;
		if (date_tok_one(&s, &t[n], timed) == -1)
			return -1;
		if (t[n].glued && t[n].type != DATE_OFFSET &&
		    t[n].type != DATE_COMMENT)
			return -1;
		timed |= t[n++].type == DATE_TIME;
	}
}

/*
 * Match RFC 822-like tokens, weekday removed: day and month either way
 * round, then year and time either way round (asctime puts the year last),
 * a zone only right after the time, and a comment only after a zone.
 */
static int
date_rfc(const struct date_token *t, int n, struct date_fields *f)
{
	const struct date_token	*day, *mon;
	int			 i, year = 0, timed = 0;

	if (n < 3)
		return -1;
	day = t[0].type == DATE_NUM ? &t[0] : &t[1];
	mon = t[0].type == DATE_NUM ? &t[1] : &t[0];
	if (day->type != DATE_NUM || day->ndigits > 2 || mon->mon == 0)
		return -1;
	f->day = day->num;
	f->mon = mon->mon;
	f->hour = f->min = f->sec = f->off = 0;
	for (i = 2; i < n; i++) {
		switch (t[i].type) {
		case DATE_NUM:
			if (year++ || t[i].ndigits < 2 || t[i].ndigits > 4)
				return -1;
			/* RFC 2822 4.3: 00-49 are 20xx, 50-999 are 1900 + y. */
			f->year = t[i].num;
			if (t[i].ndigits < 4)
				f->year += t[i].ndigits == 2 && t[i].num < 50 ?
				    2000 : 1900;
			break;
		case DATE_TIME:
			if (timed++)
				return -1;
			f->hour = t[i].hour;
			f->min = t[i].min;
			f->sec = t[i].sec;
			break;
		case DATE_WORD:
		case DATE_OFFSET:
			if (t[i - 1].type != DATE_TIME && (!t[i].glued ||
			    t[i].type != DATE_OFFSET || !t[i - 1].utc))
				return -1;
			if (t[i].type == DATE_WORD && !t[i].zone)
				return -1;
			f->off = t[i].off;
			break;
		case DATE_COMMENT:
			if (t[i - 1].type != DATE_WORD &&
			    t[i - 1].type != DATE_OFFSET)
				return -1;
			break;
		}
	}
	return year ? 0 : -1;
}

/* Days from 1970-01-01, counted from 0001-01-01 so no negative division. */
static long long
date_days(int y, int m, int d)
{
	long long	 p = y - 1;

	return 365 * p + p / 4 - p / 100 + p / 400 + date_before[m - 1] +
	    (m > 2 && DATE_LEAP(y)) + d - 1 - DATE_EPOCH;
}

/* Check the fields and make UTC seconds; a leap second becomes :59. */
static int
date_make(const struct date_fields *f, time_t *out)
{
	long long	 t;
	int		 mdays;

	if (f->year < 1 || f->year > 9999 || f->mon < 1 || f->mon > 12)
		return -1;
	mdays = date_before[f->mon] - date_before[f->mon - 1] +
	    (f->mon == 2 && DATE_LEAP(f->year));
	if (f->day < 1 || f->day > mdays || f->hour > 23 || f->min > 59 ||
	    f->sec > 60)
		return -1;
	t = date_days(f->year, f->mon, f->day) * 86400 + f->hour * 3600 +
	    f->min * 60 + (f->sec == 60 ? 59 : f->sec) - f->off * 60;
	if ((long long)(time_t)t != t)
		return -1;	/* does not fit a 32-bit time_t */
	*out = (time_t)t;
	return 0;
}

/*
 * Four digits first means RFC 3339: no RFC 822 date starts so.  A leading
 * weekday is dropped unless the date only reads with it as the month ("Mar
 * 30, 2024" is March; in "mar. 30 juin 2024" it is mardi).
 */
int
date_parse(const char *s, time_t *out)
{
	struct date_token	 t[DATE_MAXTOKENS];
	struct date_fields	 f;
	int			 n;

	if (s == NULL)
		return -1;
	while (DATE_SPACE(*s))
		s++;
	memset(&f, 0, sizeof f);
	f.mon = f.day = 1;
	if (DATE_DIGIT(s[0]) && DATE_DIGIT(s[1]) && DATE_DIGIT(s[2]) &&
	    DATE_DIGIT(s[3]) && !DATE_DIGIT(s[4]))
		return date_iso(s, &f) == -1 ? -1 : date_make(&f, out);
	if ((n = date_tokenize(s, t, DATE_MAXTOKENS)) < 3)
		return -1;
	if ((t[0].type != DATE_WORD || !t[0].wday ||
	    date_rfc(t + 1, n - 1, &f) == -1) && date_rfc(t, n, &f) == -1)
		return -1;
	return date_make(&f, out);
}
