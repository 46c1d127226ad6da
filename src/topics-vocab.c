/*
 * The topic vocabulary: parsing the file format of data/topics (built in)
 * and of a user file into the topics, languages and terms, and indexing
 * the terms into the tables and filters that the scanner in topics.c
 * looks words up in.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "log.h"
#include "text.h"
#include "topics-int.h"
#include "xmalloc.h"

#define ID_MAX		31
#define LINE_LEN_MAX	4096
#define TERMS_MAX	65536

struct topics_parse {
	const char	*file;
	unsigned	 line;
	int		 user;
	int		 seen;		/* a directive was seen */
	int		 topic;		/* current topic, or -1 */
	char		**cause;
};

/* The standard topics: their identifiers and translatable names. */
static const struct {
	const char	*id;
	const char	*name;
} topics_standard[] = {
	{ "pensions", N_("Pensions") },
	{ "unemployment", N_("Unemployment") },
	{ "disability", N_("Disability") },
	{ "sickness", N_("Sickness") },
	{ "injury", N_("Employment injury") },
	{ "family", N_("Family") },
	{ "health", N_("Health coverage") },
	{ "assistance", N_("Social assistance") },
	{ "contributions", N_("Contributions") },
	{ "coverage", N_("Coverage & systems") },
};

static int	 vocab_line(struct topics_parse *, char *);
static int	 vocab_topic(struct topics_parse *, char *);
static int	 vocab_terms(struct topics_parse *, char *, char *);
static int	 vocab_term(struct topics_parse *, char *, uint8_t);
static int	 vocab_check(struct topics_parse *, const char *, uint8_t);
static int	 vocab_error(struct topics_parse *, const char *);
static char	*trim(char *);

/* Strip a comment, then white space around; returns the first non-space. */
static char *
trim(char *s)
{
	char	*end;

	end = strchr(s, '#');
	if (end == NULL)
		end = s + strlen(s);
	while (end > s && is_blank((unsigned char)end[-1]))
		end--;
	*end = '\0';
	while (is_blank((unsigned char)*s))
		s++;
	return s;
}

/* Report an error at the current line of the vocabulary being parsed. */
static int
vocab_error(struct topics_parse *p, const char *msg)
{
	*p->cause = xasprintf("%s:%u: %s", p->file, p->line, msg);
	return -1;
}

/* Parse one vocabulary file into the tables (not yet indexed). */
int
topics_vocab_parse(const char *file, const char *text, int user, char **cause)
{
	struct topics_parse	 p = { file, 0, user, 0, -1, cause };
	char			 line[LINE_LEN_MAX + 1];
	size_t			 len;

	while (*text != '\0') {
		len = strcspn(text, "\n");
		p.line++;
		if (len > LINE_LEN_MAX)
			return vocab_error(&p, _("line too long"));
		memcpy(line, text, len);
		line[len] = '\0';
		if (vocab_line(&p, line) == -1)
			return -1;
		text += len;
		if (*text == '\n')
			text++;
	}
	return 0;
}

/* One line: a directive or a list of terms. */
static int
vocab_line(struct topics_parse *p, char *line)
{
	char	*s, *word, *colon;

	s = trim(line);
	if (*s == '\0')
		return 0;
	word = s;
	s += strcspn(s, " \t");
	colon = memchr(word, ':', (size_t)(s - word));
	if (colon != NULL) {
		*colon = '\0';
		p->seen = 1;
		return vocab_terms(p, word, colon + 1);
	}
	if (*s != '\0')
		*s++ = '\0';
	if (strcmp(word, "replace") == 0 && *trim(s) == '\0') {
		if (!p->user || p->seen)
			return vocab_error(p, _("\"replace\" must be the first "
			    "line of a user file"));
		p->seen = 1;
		topics_vocab_clear();
		return 0;
	}
	p->seen = 1;
	if (strcmp(word, "topic") == 0)
		return vocab_topic(p, trim(s));
	if (strcmp(word, "highlight") == 0 && *trim(s) == '\0') {
		p->topic = TOPIC_HIGHLIGHT;
		return 0;
	}
	return vocab_error(p, _("expected \"topic ID\", \"highlight\" or "
	    "\"LANGUAGE: terms\""));
}

/* "topic ID [NAME]": switch to topic ID, creating it if it is new. */
static int
vocab_topic(struct topics_parse *p, char *s)
{
	struct topics_topic	*t;
	char			*name;
	size_t			 len, i;
	unsigned		 n;

	len = strcspn(s, " \t");
	name = trim(s + len);
	s[len] = '\0';
	if (len == 0 || len > ID_MAX || strspn(s,
	    "abcdefghijklmnopqrstuvwxyz0123456789_-") != len)
		return vocab_error(p, _("a topic ID is 1 to 31 lower-case "
		    "letters, digits, \"-\" or \"_\""));
	for (n = 0; n < topics.ntopics; n++) {
		if (strcmp(topics.topic[n].id, s) == 0)
			break;
	}
	if (n == TOPICS_MAX)
		return vocab_error(p, _("too many topics (at most 32)"));
	t = &topics.topic[n];
	if (n == topics.ntopics) {
		topics.ntopics++;
		t->id = xstrdup(s);
		t->name = NULL;
		for (i = 0; i < sizeof topics_standard /
		    sizeof topics_standard[0]; i++) {
			if (strcmp(topics_standard[i].id, s) == 0)
				t->name = xstrdup(topics_standard[i].name);
		}
		if (t->name == NULL)
			t->name = xstrdup(s);
	}
	if (*name != '\0') {
		free(t->name);
		t->name = xstrdup(name);
	}
	p->topic = (int)n;
	return 0;
}

/* "LANG: term, term": the terms of the current topic for LANG. */
static int
vocab_terms(struct topics_parse *p, char *lang, char *s)
{
	uint8_t	 bit;
	size_t	 i, len = strlen(lang);
	char	*term;

	if (p->topic == -1)
		return vocab_error(p, _("terms before the first \"topic\""));
	if (strcmp(lang, "*") == 0)
		bit = LANGS_ALL;
	else {
		for (i = 0; i < len; i++)
			lang[i] = (char)(lang[i] | 0x20);
		if (len < 2 || len > 3 || strspn(lang,
		    "abcdefghijklmnopqrstuvwxyz") != len)
			return vocab_error(p, _("a language is a code of two "
			    "or three letters, or \"*\""));
		bit = topics_vocab_lang_bit(lang, len);
		if (bit == 0) {
			if (topics.nlangs == LANGS_MAX)
				return vocab_error(p, _("too many languages "
				    "(at most 8)"));
			memcpy(topics.lang[topics.nlangs], lang, len + 1);
			bit = (uint8_t)(1u << topics.nlangs++);
		}
	}
	while (s != NULL) {
		term = s;
		s = strchr(s, ',');
		if (s != NULL)
			*s++ = '\0';
		if (vocab_term(p, trim(term), bit) == -1)
			return -1;
	}
	return 0;
}

/* Can the (folded) text of a term be matched as the scanner does it? */
static int
vocab_check(struct topics_parse *p, const char *text, uint8_t flags)
{
	size_t	 i;

	if (!is_word((unsigned char)text[0]) ||
	    !is_word((unsigned char)text[1]))
		return vocab_error(p, _("a term starts with at least two "
		    "letters or digits"));
	for (i = 0; is_word((unsigned char)text[i]); i++)
		;
	if (i < 4 && (text[i] == '*' || (flags & TERM_INWORD)))
		return vocab_error(p, _("a first word with \"*\" needs four "
		    "letters"));
	if (topics.nterms == TERMS_MAX)
		return vocab_error(p, _("too many terms"));
	return 0;
}

/* Add one term: modifiers, then words; checked, then folded. */
static int
vocab_term(struct topics_parse *p, char *s, uint8_t langs)
{
	struct topics_term	*t;
	struct buf		 b;
	uint8_t			 flags = 0;
	int			 lower = 0, upper = 0;
	size_t			 i;

	if (*s == '!')
		flags |= TERM_NOT;
	else if (*s == '~')
		flags |= TERM_WEAK;
	else if (*s == '+')
		flags |= TERM_SYSTEM;
	if (flags != 0)
		s++;
	if (*s == '*') {
		flags |= TERM_INWORD;
		s++;
	}
	if (*s == '\0')
		return vocab_error(p, _("empty term"));
	if (p->topic == TOPIC_HIGHLIGHT && flags != 0)
		return vocab_error(p, _("a highlighted name takes no "
		    "modifier"));
	for (i = 0; s[i] != '\0'; i++) {
		lower |= s[i] >= 'a' && s[i] <= 'z';
		upper |= s[i] >= 'A' && s[i] <= 'Z';
		if (s[i] == '*' && s[i + 1] != '\0' &&
		    !is_blank((unsigned char)s[i + 1]))
			return vocab_error(p, _("\"*\" must end a word"));
	}
	if (upper && !lower)
		flags |= TERM_CASE;
	if ((flags & (TERM_CASE|TERM_INWORD)) == (TERM_CASE|TERM_INWORD))
		return vocab_error(p, _("an acronym cannot start inside a "
		    "word"));
	buf_init(&b, LINE_LEN_MAX);
	if (flags & TERM_CASE) {
		for (i = 0; s[i] != '\0'; i++) {
			if (!is_blank((unsigned char)s[i]))
				buf_addc(&b, s[i]);
			else if (!is_blank((unsigned char)s[i + 1]))
				buf_addc(&b, ' ');
		}
	} else
		text_fold(&b, s, strlen(s));
	if (vocab_check(p, buf_str(&b), flags) == -1) {
		buf_free(&b);
		return -1;
	}
	ARRAY_RESERVE(topics.term, topics.nterms, topics.termcap);
	t = &topics.term[topics.nterms++];
	t->len = (uint32_t)b.len;
	t->text = buf_take(&b);
	t->topic = (uint8_t)p->topic;
	t->flags = flags;
	t->langs = langs;
	return 0;
}

/*
 * Index the terms: each goes to a table (by how it starts) and a bucket
 * (by its first two or four bytes), and sets its bit in that table's
 * filter; the entries are then sorted by table and bucket.
 */
void
topics_vocab_index(void)
{
	struct topics_entry	*e;
	struct topics_term	*t;
	uint32_t		*slot, b;
	size_t			 i, lit;
	int			 table;

	memset(topics.first, 0, sizeof topics.first);
	memset(topics.filter, 0, sizeof topics.filter);
	memset(topics.langs, 0, sizeof topics.langs);
	for (i = 0; i < 256; i++)
		topics.word[i] = (uint8_t)is_word((unsigned char)i);
	topics_fold_init();
	slot = xreallocarray(NULL, topics.nterms + 1, sizeof *slot);
	for (i = 0; i < topics.nterms; i++) {
		t = &topics.term[i];
		lit = strspn(t->text, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		for (; (unsigned char)t->text[lit] >= 0x80; lit++)
			;	/* the first word's length, as words go */
		while (is_word((unsigned char)t->text[lit]))
			lit++;
		if (t->flags & TERM_INWORD)
			table = TABLE_INWORD;
		else
			table = lit >= 4 ? TABLE_WORD : TABLE_SHORT;
		b = filter_of(key_of(t->text, lit < 4 ? (int)lit : 4));
		topics.filter[table][b / 64] |= UINT64_C(1) << (b % 64);
		topics.langs[table] |= t->langs;
		slot[i] = (uint32_t)table << BUCKET_BITS |
		    b >> (FILTER_BITS - BUCKET_BITS);
		topics.first[slot[i] + 1]++;
	}
	for (i = 0; i < TABLES << BUCKET_BITS; i++)
		topics.first[i + 1] += topics.first[i];
	free(topics.entry);
	topics.entry = xreallocarray(NULL, topics.nterms + 1,
	    sizeof *topics.entry);
	for (i = 0; i < topics.nterms; i++) {
		t = &topics.term[i];
		e = &topics.entry[topics.first[slot[i]]++];
		lit = strcspn(t->text, "* ");
		e->mask = lit >= 8 ? ~UINT64_C(0) :
		    (UINT64_C(1) << (8 * lit)) - 1;
		e->cased = (t->flags & TERM_CASE) != 0;
		e->pre = prefix_of(t->text, t->len + 1, e->cased) & e->mask;
		e->term = (uint32_t)i;
		e->langs = t->langs;
	}
	for (i = TABLES << BUCKET_BITS; i > 0; i--)	/* undo the ++ */
		topics.first[i] = topics.first[i - 1];
	topics.first[0] = 0;
	free(slot);
}

/* The built-in vocabulary; an error in it is a bug. */
void
topics_vocab_builtin(void)
{
	char	*cause = NULL;

	if (topics_vocab_parse("(built-in topics)", topics_builtin, 0,
	    &cause) == -1)
		fatalx("%s", cause);
}

/* Forget the vocabulary (not the scratch space). */
void
topics_vocab_clear(void)
{
	size_t	 i;

	for (i = 0; i < topics.nterms; i++)
		free(topics.term[i].text);
	for (i = 0; i < topics.ntopics; i++) {
		free(topics.topic[i].id);
		free(topics.topic[i].name);
	}
	topics.nterms = topics.ntopics = topics.nlangs = 0;
}

/* The vocabulary language bit of a code such as "fr" (0 if none). */
uint8_t
topics_vocab_lang_bit(const char *s, size_t len)
{
	unsigned	 i;

	for (i = 0; i < topics.nlangs; i++) {
		if (strlen(topics.lang[i]) == len &&
		    strncasecmp(topics.lang[i], s, len) == 0)
			return (uint8_t)(1u << i);
	}
	return 0;
}

