/* splitmix.h: the seeded random numbers of bench/gen.c and bench/shapes.c
 * (SplitMix64): the same numbers on every machine for the same seed, so
 * that a benchmark's input is the same everywhere. */
#ifndef RELGRAPH_BENCH_SPLITMIX_H
#define RELGRAPH_BENCH_SPLITMIX_H

#include <stdint.h>

static inline uint64_t splitmix_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

#endif
