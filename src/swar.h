/*
 * Fast scanning of feed text: find the first byte that needs attention,
 * sixteen bytes per step with SSE2 where the compiler offers it, eight
 * per step with word arithmetic ("SIMD within a register") elsewhere.
 * Feed text is mostly ordinary bytes; these loops are where the parser
 * and the writers spend their time.
 */
#ifndef SSNEWS_SWAR_H
#define SSNEWS_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define SCAN_CTL	0x1	/* stop at C0 controls other than TAB, LF, CR */
#define SCAN_WS		0x2	/* stop at TAB, LF and CR too */
#define SCAN_HIGH	0x4	/* stop at bytes 0x80 and above */
#define SCAN_DEL	0x8	/* stop at DEL (0x7f) */

#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGHS	0x8080808080808080ULL

static inline uint64_t
swar_load(const void *p)
{
	uint64_t	 v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* Has v a byte below n (n <= 128)?  Exact for the first such byte. */
static inline uint64_t
swar_less(uint64_t v, unsigned n)
{
	return (v - SWAR_ONES * n) & ~v & SWAR_HIGHS;
}

/* Has v a byte equal to b? */
static inline uint64_t
swar_byte(uint64_t v, unsigned b)
{
	return swar_less(v ^ (SWAR_ONES * b), 1);
}

/* Does byte c stop a scan_bytes() with these arguments? */
static inline int
scan_stops(unsigned c, int a, int b, int d, unsigned flags)
{
	if ((int)c == a || (int)c == b || (int)c == d)
		return 1;
	if (c == 0x7f)
		return (flags & SCAN_DEL) != 0;
	if (c >= 0x80)
		return (flags & SCAN_HIGH) != 0;
	if (c >= 0x20)
		return 0;
	if (c == '\t' || c == '\n' || c == '\r')
		return (flags & SCAN_WS) != 0;
	return (flags & SCAN_CTL) != 0;
}

/*
 * The offset of the first byte of p[0..n) that stops the scan: equal to
 * a, b or d (-1 for none), or in a class named by flags; n if there is
 * none.  With constant arguments the compiler specialises each caller.
 */
static inline size_t
scan_bytes(const unsigned char *p, size_t n, int a, int b, int d,
    unsigned flags)
{
	size_t		 i = 0;
#ifdef __SSE2__
	const __m128i	 va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
	const __m128i	 vd = _mm_set1_epi8((char)d);
	const __m128i	 v20 = _mm_set1_epi8(0x20), vneg = _mm_set1_epi8(-1);
	const __m128i	 vtab = _mm_set1_epi8('\t'), vlf = _mm_set1_epi8('\n');
	const __m128i	 vcr = _mm_set1_epi8('\r');
	__m128i		 x, m, low, ws;
	int		 bits;

	for (; i + 16 <= n; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		m = _mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, vd));
		if (flags & SCAN_DEL)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(x,
			    _mm_set1_epi8(0x7f)));
		/* Signed: bytes 0x80.. are negative, so x < 0x20 holds too. */
		low = _mm_cmplt_epi8(x, v20);
		if (!(flags & SCAN_HIGH))
			low = _mm_and_si128(low, _mm_cmpgt_epi8(x, vneg));
		if (!(flags & SCAN_WS)) {
			ws = _mm_or_si128(_mm_cmpeq_epi8(x, vtab),
			    _mm_cmpeq_epi8(x, vlf));
			ws = _mm_or_si128(ws, _mm_cmpeq_epi8(x, vcr));
			low = _mm_andnot_si128(ws, low);
		}
		if (!(flags & SCAN_CTL)) {
			/* Only the high bytes remain wanted. */
			low = _mm_and_si128(low, _mm_cmplt_epi8(x,
			    _mm_setzero_si128()));
		}
		bits = _mm_movemask_epi8(_mm_or_si128(m, low));
		if (bits != 0)
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
#else
	uint64_t	 v, hit;
	size_t		 j;

	for (; i + 8 <= n; i += 8) {
		v = swar_load(p + i);
		hit = swar_byte(v, (unsigned)a & 0xff) |
		    swar_byte(v, (unsigned)b & 0xff) |
		    swar_byte(v, (unsigned)d & 0xff);
		if (flags & (SCAN_CTL | SCAN_WS))
			hit |= swar_less(v, 0x20);
		if (flags & SCAN_HIGH)
			hit |= v & SWAR_HIGHS;
		if (flags & SCAN_DEL)
			hit |= swar_byte(v, 0x7f);
		if (hit == 0)
			continue;
		for (j = i; j < i + 8; j++) {	/* a near miss? */
			if (scan_stops(p[j], a, b, d, flags))
				return j;
		}
	}
#endif
	while (i < n && !scan_stops(p[i], a, b, d, flags))
		i++;
	return i;
}

#endif
