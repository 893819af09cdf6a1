// One instruction-set variant of the direct convolution, included by direct_conv.c with
// VARIANT (a name suffix), TARGET (the function attribute), VL (floats per vector), COB (output
// channels per tile), XV (vectors of pixels per wide tile), DWB (output channels per
// weight-gradient block) and DWK (kernel rows per weight-gradient pass: 3, or 1 to hold three
// taps at a time) defined. COB x XV accumulators plus XV input vectors and a broadcast weight,
// and DWB x 3 x DWK accumulators plus DWB gradient vectors and an input vector, must fit the
// register file with room to spare: a tile that needs every register makes the compiler spill
// inside the inner loop, which halved the AVX2 kernel's speed (docs/direct-convolution.md).

#define VF CAT(vf, VARIANT)
#define VFU CAT(vfu, VARIANT)
#define TILE (VL * XV)

typedef float VF __attribute__((vector_size(VL * 4)));
typedef float VFU __attribute__((vector_size(VL * 4), aligned(4)));

/// Pixels of a row the narrowest tile covers: one vector. Rows are covered by wide tiles of XV
/// vectors, then one-vector tiles for the rest, so an image as wide as a vector wastes nothing.
static const int CAT(tile_width, VARIANT) = VL;

/// Padded width: whole vectors plus the two columns the taps reach beyond them.
static inline int CAT(padded_width, VARIANT)(int width) { return (width + VL - 1) / VL * VL + 2; }

static size_t CAT(padded_size, VARIANT)(int channels, int height, int width) {
    return (size_t)(height + 2) * (size_t)channels * (size_t)CAT(padded_width, VARIANT)(width);
}

static size_t CAT(packed_size, VARIANT)(int in_channels, int out_channels) {
    return (size_t)((out_channels + COB - 1) / COB) * COB * (size_t)in_channels * 9;
}

/// [out][in][3][3] -> [out / COB][in][9][COB], zero beyond the last output channel.
static void CAT(pack, VARIANT)(const float *weight, int in_channels, int out_channels, float *packed) {
    int blocks = (out_channels + COB - 1) / COB;
    for (int b = 0; b < blocks; b++)
        for (int ci = 0; ci < in_channels; ci++)
            for (int t = 0; t < 9; t++)
                for (int c = 0; c < COB; c++) {
                    int co = b * COB + c;
                    packed[(((size_t)b * in_channels + ci) * 9 + t) * COB + c] =
                        co < out_channels ? weight[((size_t)co * in_channels + ci) * 9 + t] : 0.0f;
                }
}

static void CAT(pad, VARIANT)(const float *image, int channels, int height, int width, float *padded) {
    const int pw = CAT(padded_width, VARIANT)(width);
    for (int py = 0; py < height + 2; py++) pad_row(image, channels, height, width, pw, py, padded + (size_t)py * channels * pw);
}

/// One tile: COB output channels x `nv` vectors of pixels of row y starting at x (`nv` is XV or 1,
/// a constant once inlined, so the loops unroll into registers), then the epilogue and the store.
TARGET static inline __attribute__((always_inline)) void CAT(tile, VARIANT)(
        const float *const taps[3], int pw, int in_channels, const float *weights,
        const float *start, const float *factor, const float *offset, int affine, int relu,
        float *out, size_t plane, int valid, int width, int x, const int nv) {
    VF acc[COB][XV];
#pragma clang loop unroll(full)
    for (int c = 0; c < COB; c++)
#pragma clang loop unroll(full)
        for (int v = 0; v < nv; v++) acc[c][v] = (VF){} + start[c];
    const float *top = taps[0] + x, *middle = taps[1] + x, *bottom = taps[2] + x;
    for (int ci = 0; ci < in_channels; ci++) {
        const size_t channel = (size_t)ci * pw;
        const float *w = weights + (size_t)ci * 9 * COB;
#pragma clang loop unroll(full)
        for (int t = 0; t < 9; t++) {
            const float *s = (t < 3 ? top : t < 6 ? middle : bottom) + channel + t % 3;
            VF in[XV];
#pragma clang loop unroll(full)
            for (int v = 0; v < nv; v++) in[v] = *(const VFU *)(s + v * VL);
#pragma clang loop unroll(full)
            for (int c = 0; c < COB; c++) {
                const float k = w[t * COB + c];
#pragma clang loop unroll(full)
                for (int v = 0; v < nv; v++) acc[c][v] += k * in[v];
            }
        }
    }
    if (affine) {
#pragma clang loop unroll(full)
        for (int c = 0; c < COB; c++)
#pragma clang loop unroll(full)
            for (int v = 0; v < nv; v++) {
                acc[c][v] = acc[c][v] * factor[c] + offset[c];
                if (relu) acc[c][v] = __builtin_elementwise_max(acc[c][v], (VF){});
            }
    }
    const int count = width - x < nv * VL ? width - x : nv * VL;
    for (int c = 0; c < valid; c++) {
        float *o = out + (size_t)c * plane + x;
        if (count == nv * VL) {
#pragma clang loop unroll(full)
            for (int v = 0; v < nv; v++) *(VFU *)(o + v * VL) = acc[c][v];
        } else {
            float tail[XV * VL];
            for (int v = 0; v < nv; v++) *(VFU *)(tail + v * VL) = acc[c][v];
            memcpy(o, tail, sizeof(float) * (size_t)count);
        }
    }
}

static size_t CAT(ring_size, VARIANT)(int channels, int width) {
    return 3 * (size_t)channels * (size_t)CAT(padded_width, VARIANT)(width);
}

/// Output rows [row_begin, row_end) of one image, read from the unpadded `image` through
/// `ring`, three padded rows that slide down the image: each input row is padded once, into a
/// buffer small enough to stay in cache, instead of into a copy of the whole image.
TARGET static void CAT(rows, VARIANT)(const float *image, int in_channels, int height, int width,
                                      const float *packed, int out_channels, const float *bias,
                                      const float *scale, const float *shift, int relu, float *out,
                                      int row_begin, int row_end, float *ring) {
    const int pw = CAT(padded_width, VARIANT)(width);
    const size_t slot = (size_t)in_channels * pw, plane = (size_t)height * width;
    const int blocks = (out_channels + COB - 1) / COB;
    const int wide = width / TILE * TILE;
    for (int y = row_begin; y < row_end; y++) {
        // Padded rows y, y + 1 and y + 2 (input rows y - 1 to y + 1) live in slots (py % 3).
        for (int py = y == row_begin ? y : y + 2; py <= y + 2; py++)
            pad_row(image, in_channels, height, width, pw, py, ring + (size_t)(py % 3) * slot);
        const float *const taps[3] = {ring + (size_t)(y % 3) * slot, ring + (size_t)((y + 1) % 3) * slot,
                                      ring + (size_t)((y + 2) % 3) * slot};
        for (int b = 0; b < blocks; b++) {
            const float *weights = packed + (size_t)b * in_channels * 9 * COB;
            const int valid = out_channels - b * COB < COB ? out_channels - b * COB : COB;
            float start[COB], factor[COB], offset[COB];
            for (int c = 0; c < COB; c++) {
                start[c] = bias && c < valid ? bias[b * COB + c] : 0.0f;
                factor[c] = scale && c < valid ? scale[b * COB + c] : 1.0f;
                offset[c] = shift && c < valid ? shift[b * COB + c] : 0.0f;
            }
            float *o = out + (size_t)(b * COB) * plane + (size_t)y * width;
            int x = 0;
            for (; x < wide; x += TILE)
                CAT(tile, VARIANT)(taps, pw, in_channels, weights, start, factor, offset,
                                   scale != NULL, relu, o, plane, valid, width, x, XV);
            for (; x < width; x += VL)
                CAT(tile, VARIANT)(taps, pw, in_channels, weights, start, factor, offset,
                                   scale != NULL, relu, o, plane, valid, width, x, 1);
        }
    }
}

/// The sum of a vector's lanes by halving (log2(VL) shuffles and adds, not VL dependent adds).
TARGET static inline float CAT(sum, VARIANT)(VF v) {
#if VL == 16
    v += __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
#endif
    v += __builtin_shufflevector(v, v, SHUFFLE(HALF4));
    v += __builtin_shufflevector(v, v, SHUFFLE(HALF2));
    v += __builtin_shufflevector(v, v, SHUFFLE(HALF1));
    return v[0];
}

/// Adds to grad_weight [out][in][9] the weight gradient of one image: the sum over pixels of
/// grad_out[co][y][x] * input[ci][y + ky - 1][x + kx - 1], from the padded input. The pixels are
/// taken in bands of about 2048 so that a block's output-gradient rows stay in L1 while the input
/// channels stream past; each band's DWB x 3 x DWK vector sums are reduced and added once. With
/// DWK = 1 each kernel row is its own pass over the band, so that a block of several output
/// channels fits the register file (three input loads and DWB gradient loads feed 3 x DWB FMAs).
TARGET static void CAT(weight_grad, VARIANT)(const float *padded, int in_channels, int height, int width,
                                             const float *grad_out, int out_channels, float *grad_weight) {
    const int pw = CAT(padded_width, VARIANT)(width);
    const size_t tap_row = (size_t)in_channels * pw, plane = (size_t)height * width;
    int band = 2048 / (width > 0 ? width : 1);
    if (band < 1) band = 1;
    for (int y0 = 0; y0 < height; y0 += band) {
        const int y1 = y0 + band < height ? y0 + band : height;
        for (int co = 0; co < out_channels; co += DWB) {
            const int valid = out_channels - co < DWB ? out_channels - co : DWB;
            const float *dy[DWB];
            for (int c = 0; c < DWB; c++) dy[c] = grad_out + (size_t)(co + (c < valid ? c : 0)) * plane;
            for (int ci = 0; ci < in_channels; ci++) {
                for (int ky0 = 0; ky0 < 3; ky0 += DWK) {
                    VF acc[DWB][3 * DWK];
#pragma clang loop unroll(full)
                    for (int c = 0; c < DWB; c++)
#pragma clang loop unroll(full)
                        for (int k = 0; k < 3 * DWK; k++) acc[c][k] = (VF){};
                    for (int y = y0; y < y1; y++) {
                        const float *source = padded + (size_t)(y + ky0) * tap_row + (size_t)ci * pw;
                        for (int x = 0; x < width; x += VL) {
                            VF g[DWB];
                            if (width - x >= VL) {
#pragma clang loop unroll(full)
                                for (int c = 0; c < DWB; c++) g[c] = *(const VFU *)(dy[c] + (size_t)y * width + x);
                            } else {
                                for (int c = 0; c < DWB; c++) {
                                    float tail[VL] = {0};
                                    memcpy(tail, dy[c] + (size_t)y * width + x, sizeof(float) * (size_t)(width - x));
                                    g[c] = *(const VFU *)tail;
                                }
                            }
#pragma clang loop unroll(full)
                            for (int k = 0; k < 3 * DWK; k++) {
                                const VF in = *(const VFU *)(source + (size_t)(k / 3) * tap_row + x + k % 3);
#pragma clang loop unroll(full)
                                for (int c = 0; c < DWB; c++) acc[c][k] += g[c] * in;
                            }
                        }
                    }
                    for (int c = 0; c < valid; c++)
                        for (int k = 0; k < 3 * DWK; k++)
                            grad_weight[((size_t)(co + c) * in_channels + ci) * 9 + ky0 * 3 + k] += CAT(sum, VARIANT)(acc[c][k]);
                }
            }
        }
    }
}

#undef VF
#undef VFU
#undef TILE

// The parameters are undefined here so that the next variant can define its own.
#undef VARIANT
#undef TARGET
#undef VL
#undef COB
#undef XV
#undef DWB
#undef DWK
