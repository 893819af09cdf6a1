// Winograd F(2x2, 3x3) convolution (3x3, stride 1, padding 1) with vector kernels for AVX-512 and
// AVX2: 16 multiplies per 2x2 outputs per channel pair instead of the direct kernel's 36.
//
// Unlike the GEMM-based Winograd path of SegNN (which materialises the transformed tensors and
// calls sgemm), this one transforms one output row pair at a time into buffers that stay in
// cache and multiplies them with the direct kernel's register tile.

#ifndef SEGNB_WINOGRAD_CONV_H
#define SEGNB_WINOGRAD_CONV_H

#include <stddef.h>

#include "vector_level.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Floats of the transformed weights for `out_channels` x `in_channels` 3x3 kernels at `level` (1 or 2).
size_t segnb_winograd2_packed_size(int level, int in_channels, int out_channels);

/// Transforms and packs PyTorch-layout weights [out][in][3][3] for the kernel of `level`.
void segnb_winograd2_pack(int level, const float *weight, int in_channels, int out_channels, float *packed);

/// Floats of the scratch each concurrent caller of segnb_winograd2_rows needs.
size_t segnb_winograd2_scratch_size(int level, int in_channels, int out_channels, int width);

/// Output row pairs [pair_begin, pair_end) (rows 2p and 2p + 1; the last pair of an odd height
/// has one row) of one image [in_channels][height][width], with bias and epilogue as
/// segnb_direct_conv_rows.
void segnb_winograd2_rows(int level, const float *image, int in_channels, int height, int width,
                          const float *packed, int out_channels, const float *bias, const float *scale,
                          const float *shift, int relu, float *out, int pair_begin, int pair_end, float *scratch);

#ifdef __cplusplus
}
#endif

#endif
