// One instruction-set variant of the transposed 2x2 stride-2 convolution, included by
// transposed_conv.c with VARIANT (a name suffix), TARGET (the function attribute), VL (floats per
// vector), COB (output channels per tile) and XV (vectors of input pixels per wide tile)
// defined. COB x 4 x XV accumulators plus XV input vectors and a broadcast weight must fit the
// register file with room to spare.

#define VF CAT(tvf, VARIANT)
#define VFU CAT(tvfu, VARIANT)

typedef float VF __attribute__((vector_size(VL * 4)));
typedef float VFU __attribute__((vector_size(VL * 4), aligned(4)));

static size_t CAT(tpacked_size, VARIANT)(int in_channels, int out_channels) {
    return (size_t)((out_channels + COB - 1) / COB) * COB * (size_t)in_channels * 4;
}

/// [in][out][2][2] -> [out / COB][in][COB][4], zero beyond the last output channel.
static void CAT(tpack, VARIANT)(const float *weight, int in_channels, int out_channels, float *packed) {
    const int blocks = (out_channels + COB - 1) / COB;
    for (int b = 0; b < blocks; b++)
        for (int ci = 0; ci < in_channels; ci++)
            for (int c = 0; c < COB; c++)
                for (int t = 0; t < 4; t++) {
                    const int co = b * COB + c;
                    packed[(((size_t)b * in_channels + ci) * COB + c) * 4 + t] =
                        co < out_channels ? weight[((size_t)ci * out_channels + co) * 4 + t] : 0.0f;
                }
}

/// One tile: COB output channels x 4 taps x `nv` vectors of input pixels of row y from column x
/// (`nv` is XV or 1, a constant once inlined). A tile that runs past the row's end reads its
/// inputs through a zero-filled copy, so no load leaves the image.
TARGET static inline __attribute__((always_inline)) void CAT(ttile, VARIANT)(
        const float *row, size_t plane, int in_channels, const float *weights, const float *start,
        float *out, size_t out_plane, int out_width, int valid, int width, int x, const int nv) {
    VF acc[COB][4][XV];
#pragma clang loop unroll(full)
    for (int c = 0; c < COB; c++)
#pragma clang loop unroll(full)
        for (int t = 0; t < 4; t++)
#pragma clang loop unroll(full)
            for (int v = 0; v < nv; v++) acc[c][t][v] = (VF){} + start[c];
    const int count = width - x < nv * VL ? width - x : nv * VL;
    for (int ci = 0; ci < in_channels; ci++) {
        const float *source = row + (size_t)ci * plane + x;
        VF in[XV];
        if (count == nv * VL) {
#pragma clang loop unroll(full)
            for (int v = 0; v < nv; v++) in[v] = *(const VFU *)(source + v * VL);
        } else {
            float tail[XV * VL] = {0};
            memcpy(tail, source, sizeof(float) * (size_t)count);
            for (int v = 0; v < nv; v++) in[v] = *(const VFU *)(tail + v * VL);
        }
        const float *w = weights + (size_t)ci * COB * 4;
#pragma clang loop unroll(full)
        for (int c = 0; c < COB; c++)
#pragma clang loop unroll(full)
            for (int t = 0; t < 4; t++) {
                const float k = w[c * 4 + t];
#pragma clang loop unroll(full)
                for (int v = 0; v < nv; v++) acc[c][t][v] += k * in[v];
            }
    }
    // Output row 2y + ky, columns 2x, 2x + 1, ...: taps (ky, 0) and (ky, 1) interleaved.
    for (int c = 0; c < valid; c++)
        for (int ky = 0; ky < 2; ky++) {
            float *o = out + (size_t)c * out_plane + (size_t)ky * out_width + 2 * x;
            float interleaved[2 * XV * VL];
            // Whole tiles store straight to the output; a partial one through a copy.
            float *target = count == nv * VL ? o : interleaved;
#pragma clang loop unroll(full)
            for (int v = 0; v < nv; v++) {
                const VF even = acc[c][2 * ky][v], odd = acc[c][2 * ky + 1][v];
                *(VFU *)(target + 2 * v * VL) = __builtin_shufflevector(even, odd, SHUFFLE(LOW));
                *(VFU *)(target + 2 * v * VL + VL) = __builtin_shufflevector(even, odd, SHUFFLE(HIGH));
            }
            if (target == interleaved) memcpy(o, interleaved, sizeof(float) * 2 * (size_t)count);
        }
}

TARGET static void CAT(trows, VARIANT)(const float *image, int in_channels, int height, int width,
                                       const float *packed, int out_channels, const float *bias,
                                       float *out, int row_begin, int row_end) {
    const size_t plane = (size_t)height * width, out_plane = 4 * plane;
    const int out_width = 2 * width, blocks = (out_channels + COB - 1) / COB;
    const int wide = width / (XV * VL) * (XV * VL);
    for (int y = row_begin; y < row_end; y++) {
        const float *row = image + (size_t)y * width;
        for (int b = 0; b < blocks; b++) {
            const float *weights = packed + (size_t)b * in_channels * COB * 4;
            const int valid = out_channels - b * COB < COB ? out_channels - b * COB : COB;
            float start[COB];
            for (int c = 0; c < COB; c++) start[c] = bias && c < valid ? bias[b * COB + c] : 0.0f;
            float *o = out + (size_t)(b * COB) * out_plane + (size_t)(2 * y) * out_width;
            int x = 0;
            for (; x < wide; x += XV * VL)
                CAT(ttile, VARIANT)(row, plane, in_channels, weights, start, o, out_plane, out_width, valid, width, x, XV);
            for (; x < width; x += VL)
                CAT(ttile, VARIANT)(row, plane, in_channels, weights, start, o, out_plane, out_width, valid, width, x, 1);
        }
    }
}

#undef VF
#undef VFU
// The parameters are undefined here so that the next variant can define its own.
#undef VARIANT
#undef TARGET
#undef VL
#undef COB
#undef XV
