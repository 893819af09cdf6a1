// 2x2 stride-2 max pooling (the U-Net's down-sampling) with vector kernels for AVX-512 and AVX2.
//
// The Swift loop compared the four candidates of one window at a time; here a row of outputs is
// computed a vector at a time: two loads per input row, split into even and odd columns by
// shuffles, three compare-and-selects. The semantics are the general pool's: the first largest
// value in row-major window order wins, and a NaN wins as soon as it is met.

#ifndef SEGNB_MAX_POOL_H
#define SEGNB_MAX_POOL_H

#include <stdint.h>

#include "vector_level.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Pools planes [plane_begin, plane_end) of `source` ([planes][height][width]) into
/// `destination` ([planes][height / 2][width / 2]); when `winners` is not NULL, also writes each
/// output's winning offset within its input plane (for the backward pass's scatter). `level` is
/// segnb_vector_level()'s (0 runs portable C).
void segnb_max_pool_2x2(int level, const float *source, float *destination, int32_t *winners,
                        int plane_begin, int plane_end, int height, int width);

#ifdef __cplusplus
}
#endif

#endif
