// Direct 3x3 stride-1 padding-1 convolution with vector kernels for AVX-512 and AVX2.
//
// im2col + sgemm runs the U-Net's shallow layers (3-64 channels at up to 192x256 pixels) at a
// fifth to a third of the sgemm peak: the column matrix is nine times the input, and a GEMM whose
// outer dimension is 16 output channels keeps the micro-kernel's loads busier than its FMAs.
// This kernel keeps a tile of output channels x pixels in registers and runs over the input
// channels and the nine taps with one broadcast weight per FMA. The forward pass and the input
// gradient pad the input three rows at a time into a small ring ([3][channels][padded width]);
// the weight gradient reads a padded copy of the whole image ([height + 2][channels][padded
// width]) so that the rows a tile needs sit in a few pages rather than one page per channel. Every function takes the `level` of
// segnb_vector_level() (1 or 2; at 0 there is no direct kernel and callers use im2col).
#ifndef SEGNB_DIRECT_CONV_H
#define SEGNB_DIRECT_CONV_H

#include <stddef.h>

#include "vector_level.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Pixels of one row that the narrowest tile of the `level` kernel covers, one vector (16 for
/// AVX-512, 8 for AVX2): narrower images leave part of every tile idle. Wider rows take tiles
/// of two vectors, then one-vector tiles for the rest.
int segnb_direct_conv_tile_width(int level);

/// Floats of the padded input copy of one image.
size_t segnb_direct_conv_padded_size(int level, int channels, int height, int width);

/// Floats of the packed weights for `out_channels` x `in_channels` 3x3 kernels.
size_t segnb_direct_conv_packed_size(int level, int in_channels, int out_channels);

/// Packs PyTorch-layout weights [out][in][3][3] for the kernel of `level`.
void segnb_direct_conv_pack(int level, const float *weight, int in_channels, int out_channels, float *packed);

/// Writes the zero-padded, row-interleaved copy of one image [channels][height][width] (the
/// weight gradient's input).
void segnb_direct_conv_pad(int level, const float *image, int channels, int height, int width, float *padded);

/// Floats of the ring of three padded rows that segnb_direct_conv_rows slides down an image.
size_t segnb_direct_conv_ring_size(int level, int channels, int width);

/// Output rows [row_begin, row_end) of one image [in_channels][height][width]: out[co][y][x] =
/// bias[co] (or 0 when bias is NULL) + the sum over input channels and taps of weight * input;
/// then, when scale is not NULL, times scale[co] plus shift[co] and, when relu is nonzero,
/// clipped below at 0 (evaluation-mode batch norm and ReLU applied while the tile is in
/// registers). `out` is [out_channels][height][width]; `ring` (segnb_direct_conv_ring_size
/// floats, one per concurrent caller) holds the padded input rows in use.
void segnb_direct_conv_rows(int level, const float *image, int in_channels, int height, int width,
                            const float *packed, int out_channels, const float *bias,
                            const float *scale, const float *shift, int relu, float *out,
                            int row_begin, int row_end, float *ring);

/// Adds one image's weight gradient to grad_weight [out][in][3][3], from the padded input (as
/// segnb_direct_conv_pad writes it) and grad_out [out_channels][height][width].
void segnb_direct_conv_weight_grad(int level, const float *padded, int in_channels, int height, int width,
                                   const float *grad_out, int out_channels, float *grad_weight);

#ifdef __cplusplus
}
#endif

#endif
