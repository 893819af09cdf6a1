#include "transposed_conv.h"
#include "kernel_common.h"

#include <string.h>

// AVX-512: 2 output channels x 4 taps x 32 pixels = 16 accumulators of the 32 registers.
#define VARIANT avx512
#define TARGET __attribute__((target("avx512f,fma")))
#define VL 16
#define COB 2
#define XV 2
#include "transposed_conv_body.h"

// AVX2: 2 output channels x 4 taps x 8 pixels = 8 accumulators of the 16 registers.
#define VARIANT avx2
#define TARGET __attribute__((target("avx2,fma")))
#define VL 8
#define COB 2
#define XV 1
#include "transposed_conv_body.h"

size_t segnb_transposed2x2_packed_size(int level, int in_channels, int out_channels) {
    return level == 2 ? tpacked_size_avx512(in_channels, out_channels) : tpacked_size_avx2(in_channels, out_channels);
}

void segnb_transposed2x2_pack(int level, const float *weight, int in_channels, int out_channels, float *packed) {
    if (level == 2) tpack_avx512(weight, in_channels, out_channels, packed);
    else tpack_avx2(weight, in_channels, out_channels, packed);
}

void segnb_transposed2x2_rows(int level, const float *image, int in_channels, int height, int width,
                              const float *packed, int out_channels, const float *bias, float *out,
                              int row_begin, int row_end) {
    if (level == 2) trows_avx512(image, in_channels, height, width, packed, out_channels, bias, out, row_begin, row_end);
    else if (level == 1) trows_avx2(image, in_channels, height, width, packed, out_channels, bias, out, row_begin, row_end);
}
