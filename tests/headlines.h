/*
 * The labelled headlines (tests/data/headlines.tsv) and the topic
 * matcher's precision and recall on them: shared by tests/topics-test.c,
 * which bounds them, and tools/topics-eval.c, which reports them.
 *
 * A line is: the split ("tune" or "held"), the language, the topics
 * ("pensions,coverage", or "-" for none), the title and the summary,
 * TAB-separated; "#" starts a comment line.
 */
#ifndef SSNEWS_TESTS_HEADLINES_H
#define SSNEWS_TESTS_HEADLINES_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "topics.h"

enum {
	HL_SPLIT, HL_LANG, HL_TOPICS, HL_TITLE, HL_SUMMARY, HL_COLUMNS
};

/* Counts of one split: tune, held-out or all. */
enum { HL_TUNE, HL_HELD, HL_ALL, HL_SPLITS };
struct hl_counts {
	unsigned	 tp[TOPICS_MAX], fp[TOPICS_MAX], fn[TOPICS_MAX];
	unsigned	 items, exact;
};

/* The next labelled line of f, split into col; 0 at the end. */
static int
hl_next(FILE *f, char *line, size_t size, char *col[HL_COLUMNS])
{
	char	*p;
	int	 i;

	while (fgets(line, (int)size, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (p = line, i = 0; i < HL_COLUMNS; i++) {
			col[i] = p;
			p += strcspn(p, "\t");
			if (*p != '\0')
				*p++ = '\0';
		}
		return 1;
	}
	return 0;
}

/* The mask of "pensions,coverage" ("" and "-" are none); -1: unknown. */
static int
hl_mask(const char *ids, uint32_t *mask)
{
	char	 id[64];
	size_t	 n;
	int	 t, rc = 0;

	*mask = 0;
	if (strcmp(ids, "-") == 0)
		return 0;
	while (*ids != '\0') {
		n = strcspn(ids, ",");
		t = -1;			/* no topic id is that long */
		if (n < sizeof id) {
			memcpy(id, ids, n);
			id[n] = '\0';
			t = topics_lookup(id);
		}
		if (t >= 0)
			*mask |= UINT32_C(1) << t;
		else
			rc = -1;
		ids += n + (ids[n] == ',');
	}
	return rc;
}

/* Count one headline of a split (and of all), wanted against got. */
static void
hl_count(struct hl_counts c[HL_SPLITS], int held, uint32_t want,
    uint32_t got)
{
	uint32_t	 bit;
	unsigned	 t;
	int		 i;

	for (i = 0; i < HL_SPLITS; i++) {
		if (i != (held ? HL_HELD : HL_TUNE) && i != HL_ALL)
			continue;
		c[i].items++;
		c[i].exact += want == got;
		for (t = 0; t < topics_count(); t++) {
			bit = UINT32_C(1) << t;
			c[i].tp[t] += (want & got & bit) != 0;
			c[i].fp[t] += (~want & got & bit) != 0;
			c[i].fn[t] += (want & ~got & bit) != 0;
		}
	}
}

/* Precision (tp, fp) or recall (tp, fn); 1 when there is nothing. */
static double
hl_ratio(unsigned tp, unsigned other)
{
	return tp + other == 0 ? 1.0 : (double)tp / (tp + other);
}

/* Print the table of a split; the micro-averaged precision and recall. */
static void
hl_report(const char *name, const struct hl_counts *c, double *prec,
    double *rec)
{
	unsigned	 t, tp = 0, fp = 0, fn = 0;

	printf("\n%s: %u items, %u with exactly the right topics\n", name,
	    c->items, c->exact);
	printf("%-14s %5s %5s %5s %9s %9s\n", "topic", "tp", "fp", "fn",
	    "precision", "recall");
	for (t = 0; t < topics_count(); t++) {
		printf("%-14s %5u %5u %5u %9.3f %9.3f\n", topics_id(t),
		    c->tp[t], c->fp[t], c->fn[t], hl_ratio(c->tp[t], c->fp[t]),
		    hl_ratio(c->tp[t], c->fn[t]));
		tp += c->tp[t];
		fp += c->fp[t];
		fn += c->fn[t];
	}
	*prec = hl_ratio(tp, fp);
	*rec = hl_ratio(tp, fn);
	printf("%-14s %5u %5u %5u %9.3f %9.3f\n", "micro", tp, fp, fn, *prec,
	    *rec);
}

#endif
