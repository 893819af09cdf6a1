// Transposed 2x2 stride-2 convolution (the U-Net's up-sampling), forward pass, with vector
// kernels for AVX-512 and AVX2.
//
// Through sgemm it is a [4 * out x in] by [in x pixels] product followed by a scatter of the
// four taps into the output (col2im); with 16-64 output channels that GEMM is small and the
// scatter a second pass, and the high-resolution layers ran at a quarter to a half of the sgemm
// peak. Each input pixel feeds exactly one 2x2 block of outputs, so here a tile of output
// channels x 4 taps x pixels is kept in registers over the input channels, and the kx = 0 and
// kx = 1 results are interleaved in registers as they are stored.

#ifndef SEGNB_TRANSPOSED_CONV_H
#define SEGNB_TRANSPOSED_CONV_H

#include <stddef.h>

#include "vector_level.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Floats of the packed weights for `in_channels` x `out_channels` 2x2 kernels at `level` (1 or 2).
size_t segnb_transposed2x2_packed_size(int level, int in_channels, int out_channels);

/// Packs PyTorch-layout transposed weights [in][out][2][2] for the kernel of `level`.
void segnb_transposed2x2_pack(int level, const float *weight, int in_channels, int out_channels, float *packed);

/// out[:, 2y:2y+2, :] for input rows y in [row_begin, row_end) of one image: `image` is
/// [in][height][width], `out` [out][2 height][2 width], `bias` [out] or NULL.
void segnb_transposed2x2_rows(int level, const float *image, int in_channels, int height, int width,
                              const float *packed, int out_channels, const float *bias, float *out,
                              int row_begin, int row_end);

#ifdef __cplusplus
}
#endif

#endif
