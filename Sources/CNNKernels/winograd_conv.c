#include "winograd_conv.h"
#include "kernel_common.h"

#include <string.h>

// AVX-512: GEMM tiles of 8 output channels x 2 vectors of 16 tiles = 16 accumulators.
#define VARIANT avx512
#define TARGET __attribute__((target("avx512f,fma")))
#define VL 16
#define COB 8
#define XV 2
#include "winograd_conv_body.h"

// AVX2: GEMM tiles of 4 output channels x 2 vectors of 8 tiles = 8 accumulators.
#define VARIANT avx2
#define TARGET __attribute__((target("avx2,fma")))
#define VL 8
#define COB 4
#define XV 2
#include "winograd_conv_body.h"

size_t segnb_winograd2_packed_size(int level, int in_channels, int out_channels) {
    return level == 2 ? wpacked_size_avx512(in_channels, out_channels) : wpacked_size_avx2(in_channels, out_channels);
}

void segnb_winograd2_pack(int level, const float *weight, int in_channels, int out_channels, float *packed) {
    if (level == 2) wpack_avx512(weight, in_channels, out_channels, packed);
    else wpack_avx2(weight, in_channels, out_channels, packed);
}

size_t segnb_winograd2_scratch_size(int level, int in_channels, int out_channels, int width) {
    return level == 2 ? wscratch_size_avx512(in_channels, out_channels, width) : wscratch_size_avx2(in_channels, out_channels, width);
}

void segnb_winograd2_rows(int level, const float *image, int in_channels, int height, int width,
                          const float *packed, int out_channels, const float *bias, const float *scale,
                          const float *shift, int relu, float *out, int pair_begin, int pair_end, float *scratch) {
    if (level == 2)
        wrows_avx512(image, in_channels, height, width, packed, out_channels, bias, scale, shift, relu, out, pair_begin, pair_end, scratch);
    else if (level == 1)
        wrows_avx2(image, in_channels, height, width, packed, out_channels, bias, scale, shift, relu, out, pair_begin, pair_end, scratch);
}
