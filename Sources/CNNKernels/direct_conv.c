#include "direct_conv.h"
#include "kernel_common.h"

#include <string.h>

// AVX-512: 8 output channels x 32 pixels = 16 accumulators of the 32 registers; the weight
// gradient takes 3 output channels x 9 taps = 27.
#define VARIANT avx512
#define TARGET __attribute__((target("avx512f,fma")))
#define VL 16
#define COB 8
#define XV 2
#define DWB 3
#define DWK 3
#include "direct_conv_body.h"

// AVX2: 4 output channels x 16 pixels = 8 accumulators of the 16 registers; the weight
// gradient takes 3 output channels x the 3 taps of one kernel row = 9.
#define VARIANT avx2
#define TARGET __attribute__((target("avx2,fma")))
#define VL 8
#define COB 4
#define XV 2
#define DWB 3
#define DWK 1
#include "direct_conv_body.h"

int segnb_direct_conv_tile_width(int level) {
    return level == 2 ? tile_width_avx512 : tile_width_avx2;
}

size_t segnb_direct_conv_padded_size(int level, int channels, int height, int width) {
    return level == 2 ? padded_size_avx512(channels, height, width) : padded_size_avx2(channels, height, width);
}

size_t segnb_direct_conv_packed_size(int level, int in_channels, int out_channels) {
    return level == 2 ? packed_size_avx512(in_channels, out_channels) : packed_size_avx2(in_channels, out_channels);
}

void segnb_direct_conv_pack(int level, const float *weight, int in_channels, int out_channels, float *packed) {
    if (level == 2) pack_avx512(weight, in_channels, out_channels, packed);
    else pack_avx2(weight, in_channels, out_channels, packed);
}

void segnb_direct_conv_pad(int level, const float *image, int channels, int height, int width, float *padded) {
    if (level == 2) pad_avx512(image, channels, height, width, padded);
    else pad_avx2(image, channels, height, width, padded);
}

size_t segnb_direct_conv_ring_size(int level, int channels, int width) {
    return level == 2 ? ring_size_avx512(channels, width) : ring_size_avx2(channels, width);
}

void segnb_direct_conv_rows(int level, const float *image, int in_channels, int height, int width,
                            const float *packed, int out_channels, const float *bias,
                            const float *scale, const float *shift, int relu, float *out,
                            int row_begin, int row_end, float *ring) {
    if (level == 2)
        rows_avx512(image, in_channels, height, width, packed, out_channels, bias, scale, shift, relu, out, row_begin, row_end, ring);
    else if (level == 1)
        rows_avx2(image, in_channels, height, width, packed, out_channels, bias, scale, shift, relu, out, row_begin, row_end, ring);
}

void segnb_direct_conv_weight_grad(int level, const float *padded, int in_channels, int height, int width,
                                   const float *grad_out, int out_channels, float *grad_weight) {
    if (level == 2) weight_grad_avx512(padded, in_channels, height, width, grad_out, out_channels, grad_weight);
    else if (level == 1) weight_grad_avx2(padded, in_channels, height, width, grad_out, out_channels, grad_weight);
}
