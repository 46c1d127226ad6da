/*
 * The filter language, after newsboat's ("Filter language" in its
 * manual), for query feeds, the F prompt and --filter:
 *
 *	title =~ "pension" and (age < 7 or tags # "fr") and not unread
 *
 * A comparison is ATTRIBUTE OPERATOR VALUE; "not" (or "!") binds tighter
 * than "and", which binds tighter than "or"; parentheses group.  The
 * parser is recursive descent over a small lexer and compiles into a flat
 * program: one TERM instruction per comparison, NOT, and conditional
 * jumps that short-circuit "and" and "or".  Literals are folded, numbers
 * read, dates converted and regular expressions compiled once, at parse
 * time, so matching is a loop that allocates nothing once the two scratch
 * buffers have grown to the longest text seen.  What each operator means
 * for each kind of attribute is in ssnews(1), FILTERS.
 */
#include "config.h"

#include <sys/types.h>

#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "feed.h"
#include "filter.h"
#include "i18n.h"
#include "re.h"
#include "text.h"
#include "topics.h"
#include "xmalloc.h"

#define FILTER_MAX_LEN		4096	/* bytes of an expression */
#define FILTER_MAX_DEPTH	64	/* nested parentheses and nots */
#define FILTER_MAX_TERMS	256	/* comparisons in an expression */
#define FILTER_MAX_DIGITS	9	/* numbers stay below 10^9 */
#define FILTER_MAX_TEXT		(16 * 1024 * 1024) /* folded per match */
#define FILTER_MAX_QUOTE	32	/* columns of a quoted name */
#define FILTER_DAY		86400
#define FILTER_NO_JUMP		UINT32_MAX
#define FILTER_NELEM(a)		(sizeof (a) / sizeof (a)[0])

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
	{ "title", TYPE_TEXT }, { "content", TYPE_TEXT },
	{ "author", TYPE_TEXT }, { "link", TYPE_TEXT },
	{ "feedtitle", TYPE_TEXT }, { "feedurl", TYPE_TEXT },
	{ "language", TYPE_TEXT }, { "tags", TYPE_LIST },
	{ "topics", TYPE_LIST }, { "categories", TYPE_LIST },
	{ "age", TYPE_NUMBER }, { "unread", TYPE_BOOL },
	{ "date", TYPE_DATE },
};

enum filter_op {
	OP_EQ, OP_REGEX, OP_CONTAINS, OP_LT, OP_LE, OP_GT, OP_GE, OP_BETWEEN
};
#define OPS(a)		(1u << (a))
#define OPS_ORDER	(OPS(OP_LT) | OPS(OP_LE) | OPS(OP_GT) | OPS(OP_GE))

/* The operators each type takes; indexed by enum filter_type. */
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
	{ "==", OP_EQ, 0 }, { "=~", OP_REGEX, 0 }, { "!=", OP_EQ, 1 },
	{ "!~", OP_REGEX, 1 }, { "!#", OP_CONTAINS, 1 }, { "<=", OP_LE, 0 },
	{ ">=", OP_GE, 0 }, { "=", OP_EQ, 0 }, { "#", OP_CONTAINS, 0 },
	{ "<", OP_LT, 0 }, { ">", OP_GT, 0 },
	{ "between", OP_BETWEEN, 0 },	/* a keyword, not lexed here */
};
#define FILTER_BETWEEN	(FILTER_NELEM(filter_ops) - 1)

enum filter_kw { KW_NONE, KW_AND, KW_OR, KW_NOT, KW_BETWEEN };
static const char *const filter_keywords[] = {
	"", "and", "or", "not", "between"
};

/*
 * One comparison.  lo and hi bound what order_match() accepts: both the
 * number for a number, the two ends of a range, or the first and the
 * last second of a date.
 */
struct filter_term {
	enum filter_attr	 attr;
	enum filter_op		 op;
	int			 neg;		/* !=, !~, !# */
	int			 isnum;		/* a number literal */
	char			*text;		/* folded literal */
	regex_t			*re;		/* =~ and !~ */
	int64_t			 lo, hi;
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
	int			 content;	/* a term reads the text */
};

enum filter_tok {
	TOK_END, TOK_ERROR, TOK_LPAREN, TOK_RPAREN, TOK_COLON, TOK_OP,
	TOK_NOT, TOK_STRING, TOK_WORD
};

struct filter_token {
	enum filter_tok	 type;
	size_t		 start;		/* byte offset in expr */
	size_t		 op;		/* TOK_OP: in filter_ops */
	enum filter_kw	 kw;		/* TOK_WORD */
};

struct filter_parser {
	const char		*expr;
	size_t			 len, pos;
	struct filter_token	 tok;
	struct buf		 str;	/* TOK_STRING or TOK_WORD text */
	struct filter		*f;
	int			 depth;
	char			*cause;
};

static size_t	 parse_column(const struct filter_parser *, size_t);
static size_t	 tok_column(const struct filter_parser *);
static int	 parse_error(struct filter_parser *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 lex_special(unsigned char);
static void	 lex_next(struct filter_parser *);
static void	 lex_string(struct filter_parser *);
static uint32_t	 emit(struct filter *, enum filter_code, uint32_t);
static void	 patch(struct filter *, uint32_t);
static int	 parse_chain(struct filter_parser *, enum filter_kw);
static int	 parse_unary(struct filter_parser *);
static int	 parse_term(struct filter_parser *);
static int	 parse_operator(struct filter_parser *, struct filter_term *);
static int	 parse_value(struct filter_parser *, struct filter_term *,
		    const char *, int64_t *, int64_t *);
static int	 parse_text(struct filter_parser *, struct filter_term *);
static int	 parse_number(const char *, int64_t *);
static int	 parse_date(const char *, int64_t *, int64_t *);
static void	 term_free(struct filter_term *);
static int	 term_match(const struct filter *, const struct filter_term *,
		    struct item *, const struct filter_env *);
static const char *text_value(const struct filter *, enum filter_attr,
		    struct item *, const struct filter_env *);
static const char *text_fold_into(struct buf *, const char *);
static int	 text_match(const struct filter *, const struct filter_term *,
		    const char *);
static int	 word_char(unsigned char);
static int	 word_find(const char *, const char *);
static const char *list_next(enum filter_attr, const struct item *,
		    size_t *);
static int	 list_match(const struct filter *, const struct filter_term *,
		    const struct item *);
static int	 order_match(enum filter_op, int64_t, int64_t, int64_t);

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

static size_t
tok_column(const struct filter_parser *p)
{
	return parse_column(p, p->tok.start);
}

/*
 * Keep the first error only; always -1, so callers can return it.  Each
 * fmt is a whole message whose first argument is the column.
 */
static int
parse_error(struct filter_parser *p, const char *fmt, ...)
{
	va_list	 ap;

	if (p->cause != NULL)
		return -1;
	va_start(ap, fmt);
	p->cause = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
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
	p->tok.kw = KW_NONE;
	if (i == p->len) {
		p->tok.type = TOK_END;
		return;
	}
	c = (unsigned char)s[i];
	p->pos = i + 1;
	if (c == '(' || c == ')' || c == ':' || c == '"') {
		p->tok.type = c == '(' ? TOK_LPAREN : c == ')' ? TOK_RPAREN :
		    c == ':' ? TOK_COLON : TOK_STRING;
		if (c == '"')
			lex_string(p);
		return;
	}
	for (k = 0; k < FILTER_BETWEEN; k++) {
		n = strlen(filter_ops[k].s);
		if (p->len - i >= n && memcmp(s + i, filter_ops[k].s, n) == 0) {
			p->tok.type = TOK_OP;
			p->tok.op = k;
			p->pos = i + n;
			return;
		}
	}
	if (c == '!') {
		p->tok.type = TOK_NOT;
		return;
	}
	if (lex_special(c)) {
		p->tok.type = TOK_ERROR;
		if (c > ' ' && c < 0x7f)
			parse_error(p,
			    _("column %zu: unexpected character '%c'"),
			    tok_column(p), c);
		else
			parse_error(p,
			    _("column %zu: unexpected control character"),
			    tok_column(p));
		return;
	}
	n = i;
	while (n < p->len && !lex_special((unsigned char)s[n]))
		n++;
	buf_reset(&p->str);
	buf_add(&p->str, s + i, n - i);
	p->tok.type = TOK_WORD;
	p->pos = n;
	for (k = 1; k < FILTER_NELEM(filter_keywords); k++) {
		if (strcasecmp(buf_str(&p->str), filter_keywords[k]) == 0)
			p->tok.kw = (enum filter_kw)k;
	}
}

/*
 * The rest of a string in double quotes.  \" is a quote and \\ a
 * backslash; any other backslash stays, so that "\.pdf$" means what a
 * regex writer expects.
 */
static void
lex_string(struct filter_parser *p)
{
	const char	*s = p->expr;
	size_t		 i;

	buf_reset(&p->str);
	for (i = p->pos; i < p->len && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < p->len &&
		    (s[i + 1] == '"' || s[i + 1] == '\\'))
			i++;
		buf_addc(&p->str, s[i]);
	}
	if (i == p->len) {
		p->tok.type = TOK_ERROR;
		parse_error(p, _("column %zu: unterminated string"),
		    tok_column(p));
		return;
	}
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

/* Point a chain of jumps (linked through their args) at what comes next. */
static void
patch(struct filter *f, uint32_t chain)
{
	while (chain != FILTER_NO_JUMP) {
		uint32_t	 at = chain;

		chain = f->code[at].arg;
		f->code[at].arg = (uint32_t)f->ncode;
	}
}

/*
 * An OR-chain of AND-chains (kw says which).  After each operand but the
 * last, a jump to the end of the chain is taken once the result is known.
 */
static int
parse_chain(struct filter_parser *p, enum filter_kw kw)
{
	uint32_t	 chain = FILTER_NO_JUMP;

	for (;;) {
		int	 r = kw == KW_OR ? parse_chain(p, KW_AND) : parse_unary(p);

		if (r == -1)
			return -1;
		if (p->tok.kw != kw)
			break;
		chain = emit(p->f, kw == KW_OR ? CODE_JUMPT : CODE_JUMPF,
		    chain);
		lex_next(p);
	}
	patch(p->f, chain);
	return 0;
}

/* "not" and parentheses, the only places the parser recurses. */
static int
parse_unary(struct filter_parser *p)
{
	size_t	 open = p->tok.start;
	int	 paren = p->tok.type == TOK_LPAREN;

	if (!paren && p->tok.type != TOK_NOT && p->tok.kw != KW_NOT)
		return parse_term(p);
	if (++p->depth > FILTER_MAX_DEPTH)
		return parse_error(p,
		    _("column %zu: the expression is nested too deeply (more than %d levels)"),
		    tok_column(p), FILTER_MAX_DEPTH);
	lex_next(p);
	if (!paren) {
		if (parse_unary(p) == -1)
			return -1;
		emit(p->f, CODE_NOT, 0);
	} else {
		if (parse_chain(p, KW_OR) == -1)
			return -1;
		if (p->tok.type != TOK_RPAREN)
			return parse_error(p,
			    _("column %zu: expected ')' to close the '(' at column %zu"),
			    tok_column(p), parse_column(p, open));
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
	struct buf		 q;
	size_t			 a;

	if (p->tok.type != TOK_WORD || p->tok.kw != KW_NONE)
		return parse_error(p,
		    _("column %zu: expected an attribute, '(' or 'not'"),
		    tok_column(p));
	for (a = 0; a < FILTER_NELEM(filter_attrs); a++) {
		if (strcasecmp(buf_str(&p->str), filter_attrs[a].name) == 0)
			break;
	}
	if (a == FILTER_NELEM(filter_attrs)) {
		buf_init(&q, FILTER_MAX_LEN);	/* quoted safe and short */
		text_fit(&q, buf_str(&p->str), FILTER_MAX_QUOTE, 0);
		parse_error(p, _("column %zu: unknown attribute '%s'"),
		    tok_column(p), buf_str(&q));
		buf_free(&q);
		return -1;
	}
	if (f->nterms == FILTER_MAX_TERMS)
		return parse_error(p,
		    _("column %zu: too many comparisons (more than %d)"),
		    tok_column(p), FILTER_MAX_TERMS);
	memset(&t, 0, sizeof t);
	t.attr = (enum filter_attr)a;
	lex_next(p);
	if (parse_operator(p, &t) == -1) {
		term_free(&t);
		return -1;
	}
	if (t.attr == ATTR_CONTENT)
		f->content = 1;
	ARRAY_RESERVE(f->terms, f->nterms, f->termscap);
	f->terms[f->nterms] = t;
	emit(f, CODE_TERM, (uint32_t)f->nterms++);
	return 0;
}

/* The operator and the value or range after an attribute, into t. */
static int
parse_operator(struct filter_parser *p, struct filter_term *t)
{
	const char	*name = filter_attrs[t->attr].name, *spell;
	enum filter_type type = filter_attrs[t->attr].type;
	size_t		 op = p->tok.op, col = tok_column(p);
	int64_t		 lo, hi, lo2 = 0, hi2 = 0;

	if (p->tok.kw == KW_BETWEEN)
		op = FILTER_BETWEEN;
	else if (p->tok.type != TOK_OP && type == TYPE_BOOL) {
		t->op = OP_EQ;			/* a bare "unread" */
		t->lo = t->hi = 1;
		return 0;
	} else if (p->tok.type != TOK_OP)
		return parse_error(p,
		    _("column %zu: expected an operator after '%s'"),
		    col, name);
	t->op = filter_ops[op].op;
	t->neg = filter_ops[op].neg;
	spell = filter_ops[op].s;
	if ((filter_type_ops[type] & OPS(t->op)) == 0)
		return parse_error(p,
		    _("column %zu: operator '%s' cannot be used with '%s'"),
		    col, spell, name);
	lex_next(p);
	if (parse_value(p, t, spell, &t->lo, &t->hi) == -1)
		return -1;
	if (t->op != OP_BETWEEN)
		return 0;
	if (p->tok.type != TOK_COLON)
		return parse_error(p,
		    _("column %zu: expected ':' between the two ends of the range"),
		    tok_column(p));
	lex_next(p);
	if (parse_value(p, t, ":", &lo2, &hi2) == -1)
		return -1;
	lo = t->lo;
	hi = t->hi;
	t->lo = lo < lo2 ? lo : lo2;	/* either order, like newsboat */
	t->hi = hi > hi2 ? hi : hi2;
	return 0;
}

/*
 * One value, read as the attribute's type wants: a number, yes or no, a
 * date, or text (kept in t itself); after is what came before it.
 */
static int
parse_value(struct filter_parser *p, struct filter_term *t,
    const char *after, int64_t *lo, int64_t *hi)
{
	const char	*s = buf_str(&p->str);
	size_t		 col = tok_column(p);
	int		 r;

	if ((p->tok.type != TOK_WORD && p->tok.type != TOK_STRING) ||
	    p->tok.kw != KW_NONE)
		return parse_error(p,
		    _("column %zu: expected a value after '%s'"),
		    col, after);
	switch (filter_attrs[t->attr].type) {
	case TYPE_NUMBER:
		r = parse_number(s, lo);
		if (r == -2)
			return parse_error(p, _("column %zu: number too large"),
			    col);
		if (r == -1)
			return parse_error(p,
			    _("column %zu: expected a number after '%s'"),
			    col, after);
		*hi = *lo;
		break;
	case TYPE_BOOL:
		if (strcasecmp(s, "yes") == 0 || strcasecmp(s, "true") == 0 ||
		    strcmp(s, "1") == 0)
			*lo = *hi = 1;
		else if (strcasecmp(s, "no") == 0 ||
		    strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0)
			*lo = *hi = 0;
		else
			return parse_error(p,
			    _("column %zu: expected yes or no after '%s'"),
			    col, after);
		break;
	case TYPE_DATE:
		if (parse_date(s, lo, hi) == -1)
			return parse_error(p,
			    _("column %zu: expected a date (YYYY-MM-DD or YYYY-MM-DD HH:MM) after '%s'"),
			    col, after);
		break;
	default:
		if (parse_text(p, t) == -1)
			return -1;
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

	if (t->op != OP_REGEX) {
		if (parse_number(s, &t->lo) == 0) {
			t->isnum = 1;
			t->hi = t->lo;
		}
		buf_init(&b, FILTER_MAX_TEXT);
		t->text = xstrdup(text_fold_into(&b, s));
		buf_free(&b);
		return 0;
	}
	if (re_cost(s) > RE_COST_MAX)
		return parse_error(p, _("column %zu: the regular expression "
		    "repeats too much"), tok_column(p));
	t->re = xmalloc(sizeof *t->re);
	error = regcomp(t->re, s, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (error == 0)
		return 0;
	regerror(error, t->re, msg, sizeof msg);
	free(t->re);
	t->re = NULL;
	return parse_error(p, _("column %zu: invalid regular expression: %s"),
	    tok_column(p), msg);
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

/*
 * "YYYY-MM-DD" is a day and "YYYY-MM-DD HH:MM" (or with a T) a minute,
 * in local time: lo and hi get its first and last second.
 */
static int
parse_date(const char *s, int64_t *lo, int64_t *hi)
{
	struct tm	 tm, norm;
	int		 minute = 0;

	memset(&tm, 0, sizeof tm);
	s = strptime(s, "%Y-%m-%d", &tm);
	if (s != NULL && (*s == ' ' || *s == 'T') && s[1] != ' ') {
		s = strptime(s + 1, "%H:%M", &tm);
		minute = 1;
	}
	if (s == NULL || *s != '\0' || tm.tm_year < 0)
		return -1;
	tm.tm_isdst = -1;
	norm = tm;
	*lo = (int64_t)mktime(&norm);
	if (norm.tm_mday != tm.tm_mday)		/* 02-30 became 03-01 */
		return -1;
	if (minute) {
		*hi = *lo + 59;
		return 0;
	}
	norm = tm;	/* up to the next midnight: not all days are 24h */
	norm.tm_mday++;
	*hi = (int64_t)mktime(&norm) - 1;
	return 0;
}

struct filter *
filter_parse(const char *expr, char **cause)
{
	struct filter_parser	 p;

	memset(&p, 0, sizeof p);
	p.expr = expr;
	p.len = strnlen(expr, FILTER_MAX_LEN + 1);
	buf_init(&p.str, FILTER_MAX_LEN);
	p.f = xcalloc(1, sizeof *p.f);
	if (p.len > FILTER_MAX_LEN)
		parse_error(&p,
		    _("column %zu: the expression is longer than %d bytes"),
		    parse_column(&p, FILTER_MAX_LEN), FILTER_MAX_LEN);
	else {
		lex_next(&p);
		if (parse_chain(&p, KW_OR) == 0 && p.tok.type == TOK_RPAREN)
			parse_error(&p, _("column %zu: unexpected ')'"),
			    tok_column(&p));
		else if (p.tok.type != TOK_END)
			parse_error(&p,
			    _("column %zu: expected 'and', 'or' or the end of the expression"),
			    tok_column(&p));
	}
	buf_free(&p.str);
	if (p.cause != NULL) {
		filter_free(p.f);
		if (cause != NULL)
			*cause = p.cause;
		else
			free(p.cause);
		return NULL;
	}
	p.f->scratch = xcalloc(2, sizeof *p.f->scratch);
	buf_init(&p.f->scratch[0], FILTER_MAX_TEXT);
	buf_init(&p.f->scratch[1], FILTER_MAX_TEXT);
	return p.f;
}

static void
term_free(struct filter_term *t)
{
	free(t->text);
	if (t->re != NULL) {
		regfree(t->re);
		free(t->re);
	}
}

void
filter_free(struct filter *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nterms; i++)
		term_free(&f->terms[i]);
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

/*
 * One comparison.  An unknown date matches no age or date comparison
 * (so != and the like are true).  Age is whole days, rounded to zero.
 */
static int
term_match(const struct filter *f, const struct filter_term *t,
    struct item *it, const struct filter_env *env)
{
	const int64_t	 far = (int64_t)1 << 40;	/* no overflow */
	int64_t		 d = item_date(it);
	int		 r = 0;

	switch (filter_attrs[t->attr].type) {
	case TYPE_TEXT:
		r = text_match(f, t, text_value(f, t->attr, it, env));
		break;
	case TYPE_LIST:
		r = list_match(f, t, it);
		break;
	case TYPE_BOOL:
		r = ((it->flags & ITEM_UNREAD) != 0) == (t->lo != 0);
		break;
	case TYPE_NUMBER:
		if (d != DATE_NONE && d > -far && d < far &&
		    env->now > -far && env->now < far)
			r = order_match(t->op, ((int64_t)env->now - d) /
			    FILTER_DAY, t->lo, t->hi);
		break;
	case TYPE_DATE:
		if (d != DATE_NONE)
			r = order_match(t->op, d, t->lo, t->hi);
		break;
	}
	return r ^ t->neg;
}

/* The text of a text attribute; NULL if it has none. */
static const char *
text_value(const struct filter *f, enum filter_attr a, struct item *it,
    const struct filter_env *env)
{
	const struct feed	*feed = it->feed;
	struct buf		*b = &f->scratch[0];

	switch (a) {
	case ATTR_TITLE:
		return it->title;
	case ATTR_AUTHOR:
		return it->author;
	case ATTR_LINK:
		return it->link;
	case ATTR_FEEDTITLE:
		return feed != NULL ? feed_title(feed) : NULL;
	case ATTR_FEEDURL:
		return feed != NULL ? feed->url : NULL;
	case ATTR_LANGUAGE:
		if ((it->lang == NULL || *it->lang == '\0') && feed != NULL)
			return feed->language;
		return it->lang;
	case ATTR_CONTENT:
		if (env->content != NULL)
			return env->content(it, env->arg);
		if (it->summary == NULL || it->content == NULL)
			return it->summary != NULL ? it->summary : it->content;
		buf_reset(b);
		buf_addstr(b, it->summary);
		buf_addc(b, '\n');
		buf_addstr(b, it->content);
		return buf_str(b);
	default:
		return NULL;
	}
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

	if (s == NULL)
		s = "";
	if (t->op == OP_REGEX)
		return regexec(t->re, s, 0, NULL, 0) == 0;
	if (t->isnum && t->op != OP_CONTAINS && parse_number(s, &v) == 0)
		return order_match(t->op, v, t->lo, t->hi);
	folded = text_fold_into(&f->scratch[1], s);
	switch (t->op) {
	case OP_EQ:
		if (strcmp(folded, t->text) == 0)
			return 1;
		if (t->attr != ATTR_LANGUAGE)	/* "fr" takes "fr-CA" */
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
	const char	*s;
	size_t		 i = 0, count = 0;

	buf_reset(b);
	while ((s = list_next(t->attr, it, &i)) != NULL) {
		if (t->op == OP_REGEX) {
			if (regexec(t->re, s, 0, NULL, 0) == 0)
				return 1;
		} else if (t->op == OP_CONTAINS) {
			if (strcmp(text_fold_into(b, s), t->text) == 0)
				return 1;
		} else {
			if (count++ > 0)
				buf_addc(b, ' ');
			text_fold(b, s, strlen(s));
		}
	}
	if (t->op != OP_EQ)
		return 0;
	s = buf_str(b);
	return strcmp(*s == ' ' ? s + 1 : s, t->text) == 0;
}

/*
 * Compare v with the span lo..hi (both included): "=" and between are
 * within it, "<" before it, "<=" not after it, and so on.
 */
static int
order_match(enum filter_op op, int64_t v, int64_t lo, int64_t hi)
{
	switch (op) {
	case OP_EQ:
	case OP_BETWEEN:
		return v >= lo && v <= hi;
	case OP_LT:
		return v < lo;
	case OP_LE:
		return v <= hi;
	case OP_GT:
		return v > hi;
	case OP_GE:
		return v >= lo;
	default:
		return 0;
	}
}
