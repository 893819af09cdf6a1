// Which instruction-set variant of the kernels in this module runs: each kernel is compiled for
// AVX-512 and AVX2 and chosen at run time, so that one binary runs at full width on either.

#ifndef SEGNB_VECTOR_LEVEL_H
#define SEGNB_VECTOR_LEVEL_H

#ifdef __cplusplus
extern "C" {
#endif

/// What this CPU supports: 2 for AVX-512 (F), 1 for AVX2 with FMA, 0 for neither.
int segnb_vector_level(void);

/// A short name for `level`: "avx512", "avx2" or "none".
const char *segnb_vector_level_name(int level);

#ifdef __cplusplus
}
#endif

#endif
