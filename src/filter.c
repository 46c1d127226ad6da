/*
 * The filter language, after newsboat's ("Filter language" in its
 * manual), for query feeds, the F prompt and --filter:
 *
 *	title =~ "pension" and (age < 7 or tags # "fr") and not unread = no
 *
 * A comparison is ATTRIBUTE OPERATOR VALUE; "not" (or "!") binds tighter
 * than "and", which binds tighter than "or"; parentheses group.  The
 * parser is recursive descent over a small lexer and compiles into a flat
 * program: one TERM instruction per comparison, NOT, and conditional
 * jumps that short-circuit "and" and "or".  Literals are folded, numbers
 * read, dates converted and regular expressions compiled once, at parse
 * time, so matching is a loop that allocates nothing once the two scratch
 * buffers have grown to the longest text seen.  The meaning of each
 * operator for each kind of attribute is in ssnews(1), FILTERS.
 */
#include "config.h"

#include <sys/types.h>

#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "feed.h"
#include "filter.h"
#include "i18n.h"
#include "text.h"
#include "topics.h"
#include "xmalloc.h"

#define FILTER_MAX_LEN		4096	/* bytes of an expression */
#define FILTER_MAX_DEPTH	64	/* nested parentheses and nots */
#define FILTER_MAX_TERMS	256	/* comparisons in an expression */
#define FILTER_MAX_DIGITS	9	/* numbers stay below 10^9 */
#define FILTER_MAX_TEXT		(16 * 1024 * 1024) /* text folded per match */
#define FILTER_MAX_QUOTE	32	/* columns of a name quoted in a message */
#define FILTER_DAY		86400
#define FILTER_NO_JUMP		UINT32_MAX

enum filter_type { TYPE_TEXT, TYPE_LIST, TYPE_NUMBER, TYPE_BOOL, TYPE_DATE };

enum filter_attr {
	ATTR_TITLE, ATTR_CONTENT, ATTR_AUTHOR, ATTR_LINK, ATTR_FEEDTITLE,
	ATTR_FEEDURL, ATTR_LANGUAGE, ATTR_TAGS, ATTR_TOPICS, ATTR_CATEGORIES,
	ATTR_AGE, ATTR_UNREAD, ATTR_DATE
};

/* Indexed by enum filter_attr. */
static const struct {
	const char		*name;
	enum filter_type	 type;
} filter_attrs[] = {
	{ "title", TYPE_TEXT },
	{ "content", TYPE_TEXT },
	{ "author", TYPE_TEXT },
	{ "link", TYPE_TEXT },
	{ "feedtitle", TYPE_TEXT },
	{ "feedurl", TYPE_TEXT },
	{ "language", TYPE_TEXT },
	{ "tags", TYPE_LIST },
	{ "topics", TYPE_LIST },
	{ "categories", TYPE_LIST },
	{ "age", TYPE_NUMBER },
	{ "unread", TYPE_BOOL },
	{ "date", TYPE_DATE },
};
#define FILTER_NATTRS	(sizeof filter_attrs / sizeof filter_attrs[0])

enum filter_op {
	OP_EQ, OP_REGEX, OP_CONTAINS, OP_LT, OP_LE, OP_GT, OP_GE, OP_BETWEEN
};
#define OPS(a)		(1u << (a))
#define OPS_ORDER	(OPS(OP_LT) | OPS(OP_LE) | OPS(OP_GT) | OPS(OP_GE))

/* Which operators each type of attribute takes; indexed by filter_type. */
static const unsigned filter_type_ops[] = {
	OPS(OP_EQ) | OPS(OP_REGEX) | OPS(OP_CONTAINS) | OPS_ORDER,
	OPS(OP_EQ) | OPS(OP_REGEX) | OPS(OP_CONTAINS),
	OPS(OP_EQ) | OPS_ORDER | OPS(OP_BETWEEN),
	OPS(OP_EQ),
	OPS(OP_EQ) | OPS_ORDER | OPS(OP_BETWEEN),
};

/* Longest first, so that "=~" is not read as "=". */
static const struct {
	const char	*s;
	enum filter_op	 op;
	int		 neg;
} filter_ops[] = {
	{ "==", OP_EQ, 0 },
	{ "=~", OP_REGEX, 0 },
	{ "!=", OP_EQ, 1 },
	{ "!~", OP_REGEX, 1 },
	{ "!#", OP_CONTAINS, 1 },
	{ "<=", OP_LE, 0 },
	{ ">=", OP_GE, 0 },
	{ "=", OP_EQ, 0 },
	{ "#", OP_CONTAINS, 0 },
	{ "<", OP_LT, 0 },
	{ ">", OP_GT, 0 },
};

struct filter_term {
	enum filter_attr	 attr;
	enum filter_op		 op;
	int			 neg;		/* !=, !~, !# */
	int			 isnum;		/* text literal is a number */
	char			*text;		/* folded literal */
	regex_t			*re;		/* =~ and !~ */
	int64_t			 lo, hi;	/* number, range or date span */
};

enum filter_code { CODE_TERM, CODE_NOT, CODE_JUMPF, CODE_JUMPT };

struct filter_insn {
	enum filter_code	 code;
	uint32_t		 arg;	/* term index or jump target */
};

struct filter {
	struct filter_term	*terms;
	size_t			 nterms, termscap;
	struct filter_insn	*code;
	size_t			 ncode, codecap;
	struct buf		*scratch;	/* [0] joined, [1] folded */
	int			 content;	/* some term reads the text */
};

enum filter_tok {
	TOK_END, TOK_ERROR, TOK_LPAREN, TOK_RPAREN, TOK_COLON, TOK_OP,
	TOK_NOT, TOK_STRING, TOK_WORD
};

struct filter_token {
	enum filter_tok	 type;
	size_t		 start;		/* byte offset in the expression */
	enum filter_op	 op;		/* TOK_OP */
	int		 neg;
	const char	*spell;		/* TOK_OP, as written */
};

struct filter_parser {
	const char		*expr;
	size_t			 len, pos;
	struct filter_token	 tok;
	struct buf		 str;	/* text of a TOK_STRING or TOK_WORD */
	struct filter		*f;
	int			 depth;
	char			*cause;
};

static size_t	 parse_column(const struct filter_parser *, size_t);
static int	 parse_fail(struct filter_parser *, char *);
static char	*parse_quote(const char *);
static void	 lex_next(struct filter_parser *);
static void	 lex_string(struct filter_parser *);
static int	 lex_keyword(const struct filter_parser *, const char *);
static int	 parse_or(struct filter_parser *);
static int	 parse_and(struct filter_parser *);
static int	 parse_unary(struct filter_parser *);
static int	 parse_term(struct filter_parser *);
static int	 parse_operator(struct filter_parser *, struct filter_term *,
		    const char **);
static int	 parse_value(struct filter_parser *, struct filter_term *,
		    const char *, int64_t *, int64_t *);
static int	 parse_text(struct filter_parser *, struct filter_term *);
static int	 parse_number(const char *, int64_t *);
static int	 parse_date(const char *, int64_t *, int64_t *);
static uint32_t	 emit(struct filter *, enum filter_code, uint32_t);
static void	 patch(struct filter *, uint32_t);
static int	 term_match(const struct filter *, const struct filter_term *,
		    struct item *, const struct filter_env *);
static const char *text_value(const struct filter *, enum filter_attr,
		    struct item *, const struct filter_env *);
static const char *text_fold_into(struct buf *, const char *);
static int	 text_match(const struct filter *, const struct filter_term *,
		    const char *);
static int	 word_find(const char *, const char *);
static const char *list_next(enum filter_attr, const struct item *,
		    size_t *);
static int	 list_match(const struct filter *, const struct filter_term *,
		    const struct item *);
static int	 order_match(enum filter_op, int64_t, int64_t, int64_t);
static int	 date_match(const struct filter_term *, time_t);
static int	 age_match(const struct filter_term *, time_t, time_t);

/* Columns count characters, not bytes: a UTF-8 sequence is one column. */
static size_t
parse_column(const struct filter_parser *p, size_t off)
{
	size_t	 i, col = 1;

	for (i = 0; i < off && i < p->len; i++) {
		if (((unsigned char)p->expr[i] & 0xc0) != 0x80)
			col++;
	}
	return col;
}

/* Keep the first error only; always -1, so callers can return it. */
static int
parse_fail(struct filter_parser *p, char *msg)
{
	if (p->cause == NULL)
		p->cause = msg;
	else
		free(msg);
	return -1;
}

/* Part of the expression, made safe and short to quote in a message. */
static char *
parse_quote(const char *s)
{
	struct buf	 b;

	buf_init(&b, FILTER_MAX_LEN);
	text_fit(&b, s, FILTER_MAX_QUOTE, 0);
	return buf_take(&b);
}

static int
lex_keyword(const struct filter_parser *p, const char *word)
{
	return p->tok.type == TOK_WORD &&
	    strcasecmp(buf_str(&p->str), word) == 0;
}

/* Bytes that end a bare word. */
static int
lex_special(unsigned char c)
{
	return c <= ' ' || c == 0x7f || strchr("()\"=!<>#~:", c) != NULL;
}

/* Read the next token into p->tok (and its text into p->str). */
static void
lex_next(struct filter_parser *p)
{
	const char	*s = p->expr;
	size_t		 i = p->pos, n, k;
	unsigned char	 c;

	while (i < p->len && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
		i++;
	p->tok.start = p->pos = i;
	if (i == p->len) {
		p->tok.type = TOK_END;
		return;
	}
	c = (unsigned char)s[i];
	if (c == '(' || c == ')' || c == ':') {
		p->tok.type = c == '(' ? TOK_LPAREN : c == ')' ? TOK_RPAREN :
		    TOK_COLON;
		p->pos = i + 1;
		return;
	}
	if (c == '"') {
		lex_string(p);
		return;
	}
	for (k = 0; k < sizeof filter_ops / sizeof filter_ops[0]; k++) {
		n = strlen(filter_ops[k].s);
		if (p->len - i >= n && memcmp(s + i, filter_ops[k].s, n) == 0) {
			p->tok.type = TOK_OP;
			p->tok.op = filter_ops[k].op;
			p->tok.neg = filter_ops[k].neg;
			p->tok.spell = filter_ops[k].s;
			p->pos = i + n;
			return;
		}
	}
	if (c == '!') {
		p->tok.type = TOK_NOT;
		p->pos = i + 1;
		return;
	}
	if (lex_special(c)) {
		p->tok.type = TOK_ERROR;
		if (c > ' ' && c < 0x7f)
			parse_fail(p, xasprintf(_("column %zu: unexpected "
			    "character '%c'"), parse_column(p, i), c));
		else
			parse_fail(p, xasprintf(_("column %zu: unexpected "
			    "control character"), parse_column(p, i)));
		return;
	}
	for (n = i; n < p->len && !lex_special((unsigned char)s[n]); n++)
		continue;
	buf_reset(&p->str);
	buf_add(&p->str, s + i, n - i);
	p->tok.type = TOK_WORD;
	p->pos = n;
}

/*
 * A string in double quotes.  \" is a quote and \\ a backslash; any other
 * backslash stays, so that "\.pdf$" means what a regex writer expects.
 */
static void
lex_string(struct filter_parser *p)
{
	const char	*s = p->expr;
	size_t		 i = p->pos + 1;

	buf_reset(&p->str);
	for (; i < p->len && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < p->len &&
		    (s[i + 1] == '"' || s[i + 1] == '\\'))
			i++;
		buf_addc(&p->str, s[i]);
	}
	if (i == p->len) {
		p->tok.type = TOK_ERROR;
		parse_fail(p, xasprintf(_("column %zu: unterminated string"),
		    parse_column(p, p->pos)));
		return;
	}
	p->tok.type = TOK_STRING;
	p->pos = i + 1;
}

/* Add an instruction; returns its index. */
static uint32_t
emit(struct filter *f, enum filter_code code, uint32_t arg)
{
	ARRAY_RESERVE(f->code, f->ncode, f->codecap);
	f->code[f->ncode].code = code;
	f->code[f->ncode].arg = arg;
	return (uint32_t)f->ncode++;
}

/* Point a chain of jumps (linked through their args) at the next one. */
static void
patch(struct filter *f, uint32_t chain)
{
	uint32_t	 next;

	while (chain != FILTER_NO_JUMP) {
		next = f->code[chain].arg;
		f->code[chain].arg = (uint32_t)f->ncode;
		chain = next;
	}
}

static int
parse_or(struct filter_parser *p)
{
	uint32_t	 chain = FILTER_NO_JUMP;

	if (parse_and(p) == -1)
		return -1;
	while (lex_keyword(p, "or")) {
		chain = emit(p->f, CODE_JUMPT, chain);
		lex_next(p);
		if (parse_and(p) == -1)
			return -1;
	}
	patch(p->f, chain);
	return 0;
}

static int
parse_and(struct filter_parser *p)
{
	uint32_t	 chain = FILTER_NO_JUMP;

	if (parse_unary(p) == -1)
		return -1;
	while (lex_keyword(p, "and")) {
		chain = emit(p->f, CODE_JUMPF, chain);
		lex_next(p);
		if (parse_unary(p) == -1)
			return -1;
	}
	patch(p->f, chain);
	return 0;
}

/* "not" and parentheses, the only places the parser recurses. */
static int
parse_unary(struct filter_parser *p)
{
	size_t	 open = p->tok.start;
	int	 paren;

	if (p->tok.type != TOK_NOT && p->tok.type != TOK_LPAREN &&
	    !lex_keyword(p, "not"))
		return parse_term(p);
	if (++p->depth > FILTER_MAX_DEPTH)
		return parse_fail(p, xasprintf(_("column %zu: the expression "
		    "is nested too deeply (more than %d levels)"),
		    parse_column(p, open), FILTER_MAX_DEPTH));
	paren = p->tok.type == TOK_LPAREN;
	lex_next(p);
	if (!paren) {
		if (parse_unary(p) == -1)
			return -1;
		emit(p->f, CODE_NOT, 0);
	} else {
		if (parse_or(p) == -1)
			return -1;
		if (p->tok.type != TOK_RPAREN)
			return parse_fail(p, xasprintf(_("column %zu: expected "
			    "')' to close the '(' at column %zu"),
			    parse_column(p, p->tok.start),
			    parse_column(p, open)));
		lex_next(p);
	}
	p->depth--;
	return 0;
}

/* ATTRIBUTE OPERATOR VALUE, ATTRIBUTE between VALUE:VALUE, or unread. */
static int
parse_term(struct filter_parser *p)
{
	struct filter_term	 t;
	struct filter		*f = p->f;
	const char		*spell;
	char			*q;
	size_t			 a;

	if (p->tok.type != TOK_WORD || lex_keyword(p, "and") ||
	    lex_keyword(p, "or") || lex_keyword(p, "between"))
		return parse_fail(p, xasprintf(_("column %zu: expected an "
		    "attribute, '(' or 'not'"), parse_column(p, p->tok.start)));
	for (a = 0; a < FILTER_NATTRS; a++) {
		if (strcasecmp(buf_str(&p->str), filter_attrs[a].name) == 0)
			break;
	}
	if (a == FILTER_NATTRS) {
		q = parse_quote(buf_str(&p->str));
		parse_fail(p, xasprintf(_("column %zu: unknown attribute '%s'"),
		    parse_column(p, p->tok.start), q));
		free(q);
		return -1;
	}
	if (f->nterms == FILTER_MAX_TERMS)
		return parse_fail(p, xasprintf(_("column %zu: too many "
		    "comparisons (more than %d)"), parse_column(p,
		    p->tok.start), FILTER_MAX_TERMS));
	memset(&t, 0, sizeof t);
	t.attr = (enum filter_attr)a;
	lex_next(p);
	if (parse_operator(p, &t, &spell) == -1)
		return -1;
	if (t.attr == ATTR_CONTENT)
		f->content = 1;
	ARRAY_RESERVE(f->terms, f->nterms, f->termscap);
	f->terms[f->nterms] = t;
	emit(f, CODE_TERM, (uint32_t)f->nterms++);
	return 0;
}

/* The operator and the value(s) after an attribute, into t. */
static int
parse_operator(struct filter_parser *p, struct filter_term *t,
    const char **spell)
{
	const char	*name = filter_attrs[t->attr].name;
	enum filter_type type = filter_attrs[t->attr].type;
	size_t		 at = p->tok.start;
	int64_t		 lo, hi, lo2, hi2;

	if (lex_keyword(p, "between")) {
		t->op = OP_BETWEEN;
		*spell = "between";
	} else if (p->tok.type == TOK_OP) {
		t->op = p->tok.op;
		t->neg = p->tok.neg;
		*spell = p->tok.spell;
	} else if (type == TYPE_BOOL && p->tok.type != TOK_ERROR) {
		t->op = OP_EQ;			/* a bare "unread" */
		t->lo = 1;
		return 0;
	} else
		return parse_fail(p, xasprintf(_("column %zu: expected an "
		    "operator after '%s'"), parse_column(p, at), name));
	if ((filter_type_ops[type] & OPS(t->op)) == 0)
		return parse_fail(p, xasprintf(_("column %zu: operator '%s' "
		    "cannot be used with '%s'"), parse_column(p, at), *spell,
		    name));
	lex_next(p);
	if (parse_value(p, t, *spell, &lo, &hi) == -1)
		return -1;
	if (t->op != OP_BETWEEN) {
		t->lo = lo;
		t->hi = hi;
		return 0;
	}
	if (p->tok.type != TOK_COLON)
		return parse_fail(p, xasprintf(_("column %zu: expected ':' "
		    "between the two ends of the range"), parse_column(p,
		    p->tok.start)));
	lex_next(p);
	if (parse_value(p, t, ":", &lo2, &hi2) == -1)
		return -1;
	t->lo = lo < lo2 ? lo : lo2;	/* either order, like newsboat */
	t->hi = hi > hi2 ? hi : hi2;
	return 0;
}

/*
 * One value for t, read according to the attribute's type: a number
 * (lo = hi), yes or no (lo), a date (the span [lo, hi)), or text (into
 * t itself).  after names what came before, for the message.
 */
static int
parse_value(struct filter_parser *p, struct filter_term *t,
    const char *after, int64_t *lo, int64_t *hi)
{
	const char	*s = buf_str(&p->str);
	size_t		 col = parse_column(p, p->tok.start);
	int		 r;

	if ((p->tok.type != TOK_WORD && p->tok.type != TOK_STRING) ||
	    (p->tok.type == TOK_WORD && (lex_keyword(p, "and") ||
	    lex_keyword(p, "or") || lex_keyword(p, "not") ||
	    lex_keyword(p, "between"))))
		return parse_fail(p, xasprintf(_("column %zu: expected a value "
		    "after '%s'"), col, after));
	*lo = *hi = 0;
	switch (filter_attrs[t->attr].type) {
	case TYPE_NUMBER:
		r = parse_number(s, lo);
		if (r == -2)
			return parse_fail(p, xasprintf(_("column %zu: number "
			    "too large"), col));
		if (r == -1)
			return parse_fail(p, xasprintf(_("column %zu: expected "
			    "a number after '%s'"), col, after));
		*hi = *lo;
		break;
	case TYPE_BOOL:
		if (strcasecmp(s, "yes") == 0 || strcasecmp(s, "true") == 0 ||
		    strcmp(s, "1") == 0)
			*lo = 1;
		else if (strcasecmp(s, "no") != 0 &&
		    strcasecmp(s, "false") != 0 && strcmp(s, "0") != 0)
			return parse_fail(p, xasprintf(_("column %zu: expected "
			    "yes or no after '%s'"), col, after));
		break;
	case TYPE_DATE:
		if (parse_date(s, lo, hi) == -1)
			return parse_fail(p, xasprintf(_("column %zu: expected "
			    "a date (YYYY-MM-DD or YYYY-MM-DD HH:MM) after "
			    "'%s'"), col, after));
		break;
	default:
		if (parse_text(p, t) == -1)
			return -1;
		*lo = *hi = t->lo;
		break;
	}
	lex_next(p);
	return 0;
}

/* A text value: a compiled regex for =~ and !~, else the folded text. */
static int
parse_text(struct filter_parser *p, struct filter_term *t)
{
	struct buf	 b;
	const char	*s = buf_str(&p->str);
	char		 msg[256];
	int		 error;

	if (t->op == OP_REGEX) {
		t->re = xmalloc(sizeof *t->re);
		error = regcomp(t->re, s, REG_EXTENDED | REG_ICASE | REG_NOSUB);
		if (error == 0)
			return 0;
		regerror(error, t->re, msg, sizeof msg);
		free(t->re);
		t->re = NULL;
		return parse_fail(p, xasprintf(_("column %zu: invalid regular "
		    "expression: %s"), parse_column(p, p->tok.start), msg));
	}
	t->isnum = parse_number(s, &t->lo) == 0;
	buf_init(&b, FILTER_MAX_TEXT);
	t->text = xstrdup(text_fold_into(&b, s));
	buf_free(&b);
	return 0;
}

/* 0 for a plain decimal number, -1 for anything else, -2 if too large. */
static int
parse_number(const char *s, int64_t *v)
{
	size_t	 i;

	*v = 0;
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		if (i == FILTER_MAX_DIGITS)
			return -2;
		*v = *v * 10 + (s[i] - '0');
	}
	return i > 0 && s[i] == '\0' ? 0 : -1;
}

/* A number of 1 to max digits at *s; advances *s.  -1 if none. */
static int
parse_digits(const char **s, int max)
{
	int	 v = 0, n;

	for (n = 0; n < max && **s >= '0' && **s <= '9'; n++, (*s)++)
		v = v * 10 + (**s - '0');
	return n > 0 ? v : -1;
}

/*
 * "YYYY-MM-DD" is the day and "YYYY-MM-DD HH:MM" (or with a T) the
 * minute, in local time, as the span [lo, hi) of Unix seconds.
 */
static int
parse_date(const char *s, int64_t *lo, int64_t *hi)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	struct tm	 tm;
	int		 y, m, d, hh = -1, mm = 0;

	y = parse_digits(&s, 4);
	if (y < 1900 || *s++ != '-')
		return -1;
	m = parse_digits(&s, 2);
	if (m < 1 || m > 12 || *s++ != '-')
		return -1;
	d = parse_digits(&s, 2);
	if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 &&
	    (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0))))
		return -1;
	if (*s == ' ' || *s == 'T') {
		s++;
		hh = parse_digits(&s, 2);
		if (hh < 0 || hh > 23 || *s++ != ':')
			return -1;
		mm = parse_digits(&s, 2);
		if (mm < 0 || mm > 59)
			return -1;
	}
	if (*s != '\0')
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh < 0 ? 0 : hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	*lo = (int64_t)mktime(&tm);
	if (hh >= 0) {
		*hi = *lo + 60;
		return 0;
	}
	memset(&tm, 0, sizeof tm);	/* the next midnight: days vary */
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + 1;
	tm.tm_isdst = -1;
	*hi = (int64_t)mktime(&tm);
	return 0;
}

struct filter *
filter_parse(const char *expr, char **cause)
{
	struct filter_parser	 p;
	struct filter		*f;
	size_t			 i;

	memset(&p, 0, sizeof p);
	p.expr = expr;
	p.len = strnlen(expr, FILTER_MAX_LEN + 1);
	buf_init(&p.str, FILTER_MAX_LEN);
	p.f = f = xcalloc(1, sizeof *f);
	if (p.len > FILTER_MAX_LEN)
		parse_fail(&p, xasprintf(_("column %zu: the expression is "
		    "longer than %d bytes"), parse_column(&p, FILTER_MAX_LEN),
		    FILTER_MAX_LEN));
	else {
		lex_next(&p);
		if (parse_or(&p) == 0 && p.tok.type == TOK_RPAREN)
			parse_fail(&p, xasprintf(_("column %zu: unexpected "
			    "')'"), parse_column(&p, p.tok.start)));
		else if (p.tok.type != TOK_END)
			parse_fail(&p, xasprintf(_("column %zu: expected 'and', "
			    "'or' or the end of the expression"),
			    parse_column(&p, p.tok.start)));
	}
	buf_free(&p.str);
	if (p.cause != NULL) {
		filter_free(f);
		if (cause != NULL)
			*cause = p.cause;
		else
			free(p.cause);
		return NULL;
	}
	f->scratch = xcalloc(2, sizeof *f->scratch);
	for (i = 0; i < 2; i++)
		buf_init(&f->scratch[i], FILTER_MAX_TEXT);
	return f;
}

void
filter_free(struct filter *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nterms; i++) {
		free(f->terms[i].text);
		if (f->terms[i].re != NULL) {
			regfree(f->terms[i].re);
			free(f->terms[i].re);
		}
	}
	free(f->terms);
	free(f->code);
	if (f->scratch != NULL) {
		buf_free(&f->scratch[0]);
		buf_free(&f->scratch[1]);
		free(f->scratch);
	}
	free(f);
}

int
filter_needs_content(const struct filter *f)
{
	return f->content;
}

/* Run the program: TERM sets the result, jumps skip what cannot change it. */
int
filter_match(const struct filter *f, struct item *it,
    const struct filter_env *env)
{
	struct filter_env	 now;
	const struct filter_insn *in;
	size_t			 pc = 0;
	int			 acc = 0;

	if (env == NULL) {
		now.now = time(NULL);
		now.content = NULL;
		now.arg = NULL;
		env = &now;
	}
	while (pc < f->ncode) {
		in = &f->code[pc++];
		switch (in->code) {
		case CODE_TERM:
			acc = term_match(f, &f->terms[in->arg], it, env);
			break;
		case CODE_NOT:
			acc = !acc;
			break;
		case CODE_JUMPF:
			if (!acc)
				pc = in->arg;
			break;
		case CODE_JUMPT:
			if (acc)
				pc = in->arg;
			break;
		}
	}
	return acc;
}

static int
term_match(const struct filter *f, const struct filter_term *t,
    struct item *it, const struct filter_env *env)
{
	int	 r = 0;

	switch (filter_attrs[t->attr].type) {
	case TYPE_TEXT:
		r = text_match(f, t, text_value(f, t->attr, it, env));
		break;
	case TYPE_LIST:
		r = list_match(f, t, it);
		break;
	case TYPE_NUMBER:
		r = age_match(t, item_date(it), env->now);
		break;
	case TYPE_BOOL:
		r = ((it->flags & ITEM_UNREAD) != 0) == (t->lo != 0);
		break;
	case TYPE_DATE:
		r = date_match(t, item_date(it));
		break;
	}
	return r ^ t->neg;
}

/* The text of a text attribute; never NULL. */
static const char *
text_value(const struct filter *f, enum filter_attr a, struct item *it,
    const struct filter_env *env)
{
	const struct feed	*feed = it->feed;
	struct buf		*b = &f->scratch[0];
	const char		*s = NULL;

	switch (a) {
	case ATTR_TITLE:
		s = it->title;
		break;
	case ATTR_AUTHOR:
		s = it->author;
		break;
	case ATTR_LINK:
		s = it->link;
		break;
	case ATTR_FEEDTITLE:
		s = feed != NULL ? feed_title(feed) : NULL;
		break;
	case ATTR_FEEDURL:
		s = feed != NULL ? feed->url : NULL;
		break;
	case ATTR_LANGUAGE:
		s = it->lang;
		if ((s == NULL || *s == '\0') && feed != NULL)
			s = feed->language;
		break;
	case ATTR_CONTENT:
		if (env->content != NULL)
			s = env->content(it, env->arg);
		else if (it->summary == NULL || it->content == NULL)
			s = it->summary != NULL ? it->summary : it->content;
		else {
			buf_reset(b);
			buf_addstr(b, it->summary);
			buf_addc(b, '\n');
			buf_addstr(b, it->content);
			s = buf_str(b);
		}
		break;
	default:
		break;
	}
	return s != NULL ? s : "";
}

/* Fold s into b (emptied first), without the leading space of a fold. */
static const char *
text_fold_into(struct buf *b, const char *s)
{
	const char	*r;

	buf_reset(b);
	text_fold(b, s, strlen(s));
	r = buf_str(b);
	return *r == ' ' ? r + 1 : r;
}

static int
text_match(const struct filter *f, const struct filter_term *t,
    const char *s)
{
	const char	*folded;
	size_t		 n;
	int64_t		 v;

	if (t->op == OP_REGEX)
		return regexec(t->re, s, 0, NULL, 0) == 0;
	if (t->isnum && t->op != OP_CONTAINS && parse_number(s, &v) == 0)
		return order_match(t->op, v, t->lo, t->lo);
	folded = text_fold_into(&f->scratch[1], s);
	switch (t->op) {
	case OP_EQ:
		if (strcmp(folded, t->text) == 0)
			return 1;
		if (t->attr != ATTR_LANGUAGE)	/* "fr" matches "fr-CA" */
			return 0;
		n = strlen(t->text);
		return n > 0 && strncmp(folded, t->text, n) == 0 &&
		    (folded[n] == '-' || folded[n] == '_');
	case OP_CONTAINS:
		return word_find(folded, t->text);
	default:
		return order_match(t->op, strcmp(folded, t->text), 0, 0);
	}
}

/* Letters and digits of any script make words; the rest separates them. */
static int
word_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* Does the word or phrase w occur in s, not as part of a longer word? */
static int
word_find(const char *s, const char *w)
{
	const char	*at;
	size_t		 n = strlen(w);

	if (n == 0)
		return 1;
	for (at = strstr(s, w); at != NULL; at = strstr(at + 1, w)) {
		if (at > s && word_char((unsigned char)at[-1]) &&
		    word_char((unsigned char)w[0]))
			continue;
		if (word_char((unsigned char)at[n]) &&
		    word_char((unsigned char)w[n - 1]))
			continue;
		return 1;
	}
	return 0;
}

/* The next element of a list attribute (*i is the cursor), or NULL. */
static const char *
list_next(enum filter_attr a, const struct item *it, size_t *i)
{
	const struct feed	*feed = it->feed;
	const char		*s;
	size_t			 n;

	switch (a) {
	case ATTR_TAGS:
		if (feed == NULL || *i >= feed->ntags)
			return NULL;
		return feed->tags[(*i)++];
	case ATTR_CATEGORIES:
		if (*i >= it->ncategories)
			return NULL;
		s = it->categories[(*i)++];
		return s != NULL ? s : "";
	case ATTR_TOPICS:
		n = topics_count();
		if (n > 32)
			n = 32;
		while (*i < n && (it->topics & (UINT32_C(1) << *i)) == 0)
			(*i)++;
		if (*i >= n)
			return NULL;
		return topics_id((unsigned)(*i)++);
	default:
		return NULL;
	}
}

/* # and =~ ask for one element; = compares the elements space-joined. */
static int
list_match(const struct filter *f, const struct filter_term *t,
    const struct item *it)
{
	struct buf	*b = &f->scratch[1];
	const char	*s, *folded;
	size_t		 i = 0, count = 0;

	if (t->op == OP_EQ)
		buf_reset(b);
	while ((s = list_next(t->attr, it, &i)) != NULL) {
		switch (t->op) {
		case OP_REGEX:
			if (regexec(t->re, s, 0, NULL, 0) == 0)
				return 1;
			break;
		case OP_CONTAINS:
			if (strcmp(text_fold_into(b, s), t->text) == 0)
				return 1;
			break;
		default:
			if (count++ > 0)
				buf_addc(b, ' ');
			text_fold(b, s, strlen(s));
			break;
		}
	}
	if (t->op != OP_EQ)
		return 0;
	folded = buf_str(b);
	return strcmp(*folded == ' ' ? folded + 1 : folded, t->text) == 0;
}

/* Compare v with lo (or the range lo..hi, both included). */
static int
order_match(enum filter_op op, int64_t v, int64_t lo, int64_t hi)
{
	switch (op) {
	case OP_EQ:
		return v == lo;
	case OP_LT:
		return v < lo;
	case OP_LE:
		return v <= lo;
	case OP_GT:
		return v > lo;
	case OP_GE:
		return v >= lo;
	case OP_BETWEEN:
		return v >= lo && v <= hi;
	default:
		return 0;
	}
}

/*
 * Dates compare at the precision written: "=" is within that day or
 * minute, "<" before it starts, ">" after it ends.
 */
static int
date_match(const struct filter_term *t, time_t d)
{
	if (d == DATE_NONE)
		return 0;
	switch (t->op) {
	case OP_EQ:
	case OP_BETWEEN:
		return d >= t->lo && d < t->hi;
	case OP_LT:
		return d < t->lo;
	case OP_LE:
		return d < t->hi;
	case OP_GT:
		return d >= t->hi;
	case OP_GE:
		return d >= t->lo;
	default:
		return 0;
	}
}

/* Age in whole days, rounded towards zero; unknown dates match nothing. */
static int
age_match(const struct filter_term *t, time_t d, time_t now)
{
	const int64_t	 far = (int64_t)1 << 40;	/* no overflow */
	int64_t		 dd = d, nn = now;

	if (d == DATE_NONE)
		return 0;
	dd = dd < -far ? -far : dd > far ? far : dd;
	nn = nn < -far ? -far : nn > far ? far : nn;
	return order_match(t->op, (nn - dd) / FILTER_DAY, t->lo, t->hi);
}
