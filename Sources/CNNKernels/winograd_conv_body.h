// One instruction-set variant of the Winograd F(2x2, 3x3) convolution, included by
// winograd_conv.c with VARIANT (a name suffix), TARGET (the function attribute), VL (floats per
// vector), COB (output channels per GEMM tile) and XV (vectors of tiles per GEMM tile) defined.
//
// A vector holds VL tiles of 2x2 outputs side by side, so one output row pair is covered by
// vectors of VL tiles (2 VL pixels). For each row pair: the input transform turns each channel's
// 4 x (2 VL + 2) padded input patch into 16 vectors V[position][channel]; sixteen small GEMMs
// M[position][k] = sum over c of U[position][k][c] V[position][c] run with the direct kernel's
// register tile (COB x XV accumulators, a broadcast weight per FMA); the output transform turns
// each output channel's 16 M vectors into its 2 x 2 VL outputs, applying the epilogue.

#define VF CAT(wvf, VARIANT)
#define VFU CAT(wvfu, VARIANT)

typedef float VF __attribute__((vector_size(VL * 4)));
typedef float VFU __attribute__((vector_size(VL * 4), aligned(4)));

/// Vectors of tiles covering a row of `width` outputs.
static inline int CAT(tile_vectors, VARIANT)(int width) { return ((width + 1) / 2 + VL - 1) / VL; }

/// Padded width: the columns every tile vector's input patch reaches.
static inline int CAT(wpadded_width, VARIANT)(int width) { return 2 * VL * CAT(tile_vectors, VARIANT)(width) + 2; }

static inline int CAT(wblocks, VARIANT)(int out_channels) { return (out_channels + COB - 1) / COB; }

static size_t CAT(wpacked_size, VARIANT)(int in_channels, int out_channels) {
    return (size_t)CAT(wblocks, VARIANT)(out_channels) * COB * 16 * (size_t)in_channels;
}

/// U = G g G^T of each [out][in][3][3] kernel, laid out [out / COB][position][in][COB].
static void CAT(wpack, VARIANT)(const float *weight, int in_channels, int out_channels, float *packed) {
    static const float G[4][3] = {{1, 0, 0}, {0.5f, 0.5f, 0.5f}, {0.5f, -0.5f, 0.5f}, {0, 0, 1}};
    const int blocks = CAT(wblocks, VARIANT)(out_channels);
    for (int b = 0; b < blocks; b++)
        for (int c = 0; c < COB; c++) {
            const int co = b * COB + c;
            for (int ci = 0; ci < in_channels; ci++) {
                float u[4][4] = {{0}};
                if (co < out_channels) {
                    const float *g = weight + ((size_t)co * in_channels + ci) * 9;
                    float gt[4][3];  // G g
                    for (int i = 0; i < 4; i++)
                        for (int j = 0; j < 3; j++) gt[i][j] = G[i][0] * g[j] + G[i][1] * g[3 + j] + G[i][2] * g[6 + j];
                    for (int i = 0; i < 4; i++)
                        for (int j = 0; j < 4; j++) u[i][j] = gt[i][0] * G[j][0] + gt[i][1] * G[j][1] + gt[i][2] * G[j][2];
                }
                for (int pos = 0; pos < 16; pos++)
                    packed[(((size_t)b * 16 + pos) * in_channels + ci) * COB + c] = u[pos / 4][pos % 4];
            }
        }
}

/// Floats between consecutive positions of V ([16][in][tile vectors][VL]) and of M ([16][out
/// rounded up to COB][tile vectors][VL]). One vector more than the data: with power-of-two
/// channel counts the 16 positions would otherwise sit a multiple of 4 KiB apart, in the same L1
/// set, and the transforms' 16 loads or stores per tile would evict one another.
static inline size_t CAT(vstride, VARIANT)(int in_channels, int width) {
    return ((size_t)in_channels * CAT(tile_vectors, VARIANT)(width) + 1) * VL;
}
static inline size_t CAT(mstride, VARIANT)(int out_channels, int width) {
    return ((size_t)CAT(wblocks, VARIANT)(out_channels) * COB * CAT(tile_vectors, VARIANT)(width) + 1) * VL;
}

/// Floats of one caller's scratch: a ring of four padded rows, then V and M.
static size_t CAT(wscratch_size, VARIANT)(int in_channels, int out_channels, int width) {
    return 4 * (size_t)in_channels * CAT(wpadded_width, VARIANT)(width) + 16 * CAT(vstride, VARIANT)(in_channels, width) +
           16 * CAT(mstride, VARIANT)(out_channels, width);
}

/// V = B^T d B for the VL tiles of tile vector `t` of one channel, from its four padded rows.
TARGET static inline void CAT(input_transform, VARIANT)(const float *const rows[4], int t, VF v[16]) {
    VF d[4][4];  // d[row][dx]: the tiles' input columns 2j + dx
#pragma clang loop unroll(full)
    for (int r = 0; r < 4; r++) {
        const float *p = rows[r] + 2 * VL * t;
        const VF a = *(const VFU *)p, b = *(const VFU *)(p + VL);
        const VF a2 = *(const VFU *)(p + 2), b2 = *(const VFU *)(p + VL + 2);
        d[r][0] = __builtin_shufflevector(a, b, SHUFFLE(EVEN));
        d[r][1] = __builtin_shufflevector(a, b, SHUFFLE(ODD));
        d[r][2] = __builtin_shufflevector(a2, b2, SHUFFLE(EVEN));
        d[r][3] = __builtin_shufflevector(a2, b2, SHUFFLE(ODD));
    }
    VF s[4][4];  // B^T d
#pragma clang loop unroll(full)
    for (int x = 0; x < 4; x++) {
        s[0][x] = d[0][x] - d[2][x];
        s[1][x] = d[1][x] + d[2][x];
        s[2][x] = d[2][x] - d[1][x];
        s[3][x] = d[1][x] - d[3][x];
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < 4; i++) {  // (B^T d) B
        v[4 * i + 0] = s[i][0] - s[i][2];
        v[4 * i + 1] = s[i][1] + s[i][2];
        v[4 * i + 2] = s[i][2] - s[i][1];
        v[4 * i + 3] = s[i][1] - s[i][3];
    }
}

/// One GEMM tile: M[pos][COB channels][tile vectors t .. t + nv) = sum over c of U V.
TARGET static inline __attribute__((always_inline)) void CAT(wgemm_tile, VARIANT)(
        const float *u, const float *v, float *m, int in_channels, int tv, int t, const int nv) {
    VF acc[COB][XV];
#pragma clang loop unroll(full)
    for (int c = 0; c < COB; c++)
#pragma clang loop unroll(full)
        for (int x = 0; x < nv; x++) acc[c][x] = (VF){};
    for (int ci = 0; ci < in_channels; ci++) {
        VF in[XV];
#pragma clang loop unroll(full)
        for (int x = 0; x < nv; x++) in[x] = *(const VFU *)(v + ((size_t)ci * tv + t + x) * VL);
        const float *w = u + (size_t)ci * COB;
#pragma clang loop unroll(full)
        for (int c = 0; c < COB; c++) {
            const float k = w[c];
#pragma clang loop unroll(full)
            for (int x = 0; x < nv; x++) acc[c][x] += k * in[x];
        }
    }
#pragma clang loop unroll(full)
    for (int c = 0; c < COB; c++)
#pragma clang loop unroll(full)
        for (int x = 0; x < nv; x++) *(VFU *)(m + ((size_t)c * tv + t + x) * VL) = acc[c][x];
}

/// Output row pairs [pair_begin, pair_end) (rows 2p and 2p + 1) of one image; see direct_conv.h
/// for the arguments, which are the direct kernel's.
TARGET static void CAT(wrows, VARIANT)(const float *image, int in_channels, int height, int width,
                                       const float *packed, int out_channels, const float *bias,
                                       const float *scale, const float *shift, int relu, float *out,
                                       int pair_begin, int pair_end, float *scratch) {
    const int pw = CAT(wpadded_width, VARIANT)(width), tv = CAT(tile_vectors, VARIANT)(width);
    const int blocks = CAT(wblocks, VARIANT)(out_channels);
    const size_t slot = (size_t)in_channels * pw, plane = (size_t)height * width;
    float *ring = scratch;
    const size_t vpos = CAT(vstride, VARIANT)(in_channels, width), mpos = CAT(mstride, VARIANT)(out_channels, width);
    float *vbuf = ring + 4 * slot, *mbuf = vbuf + 16 * vpos;
    const int wide = tv / XV * XV;
    for (int p = pair_begin; p < pair_end; p++) {
        // Padded rows 2p .. 2p + 3 (input rows 2p - 1 .. 2p + 2) live in slots (py % 4).
        for (int py = p == pair_begin ? 2 * p : 2 * p + 2; py <= 2 * p + 3; py++)
            pad_row(image, in_channels, height, width, pw, py, ring + (size_t)(py % 4) * slot);
        for (int ci = 0; ci < in_channels; ci++) {
            const float *rows[4];
            for (int r = 0; r < 4; r++) rows[r] = ring + (size_t)((2 * p + r) % 4) * slot + (size_t)ci * pw;
            for (int t = 0; t < tv; t++) {
                VF v[16];
                CAT(input_transform, VARIANT)(rows, t, v);
                for (int pos = 0; pos < 16; pos++) *(VFU *)(vbuf + pos * vpos + ((size_t)ci * tv + t) * VL) = v[pos];
            }
        }
        for (int b = 0; b < blocks; b++)
            for (int pos = 0; pos < 16; pos++) {
                const float *u = packed + ((size_t)b * 16 + pos) * in_channels * COB;
                float *m = mbuf + pos * mpos + (size_t)b * COB * tv * VL;
                int t = 0;
                for (; t < wide; t += XV) CAT(wgemm_tile, VARIANT)(u, vbuf + pos * vpos, m, in_channels, tv, t, XV);
                for (; t < tv; t++) CAT(wgemm_tile, VARIANT)(u, vbuf + pos * vpos, m, in_channels, tv, t, 1);
            }
        const int y = 2 * p, second_row = y + 1 < height;
        for (int co = 0; co < out_channels; co++) {
            const float start = bias ? bias[co] : 0.0f;
            const float factor = scale ? scale[co] : 1.0f, offset = shift ? shift[co] : 0.0f;
            float *o = out + (size_t)co * plane + (size_t)y * width;
            for (int t = 0; t < tv; t++) {
                VF mv[16];
                for (int pos = 0; pos < 16; pos++) mv[pos] = *(const VFU *)(mbuf + pos * mpos + ((size_t)co * tv + t) * VL);
                VF s[2][4];  // A^T M
#pragma clang loop unroll(full)
                for (int x = 0; x < 4; x++) {
                    s[0][x] = mv[x] + mv[4 + x] + mv[8 + x];
                    s[1][x] = mv[4 + x] - mv[8 + x] - mv[12 + x];
                }
                VF y2[2][2];  // (A^T M) A, then the epilogue
#pragma clang loop unroll(full)
                for (int r = 0; r < 2; r++) {
                    y2[r][0] = s[r][0] + s[r][1] + s[r][2] + start;
                    y2[r][1] = s[r][1] - s[r][2] - s[r][3] + start;
#pragma clang loop unroll(full)
                    for (int x = 0; x < 2; x++) {
                        if (scale) y2[r][x] = y2[r][x] * factor + offset;
                        if (relu) y2[r][x] = __builtin_elementwise_max(y2[r][x], (VF){});
                    }
                }
                const int x0 = 2 * VL * t, count = width - x0 < 2 * VL ? width - x0 : 2 * VL;
                for (int r = 0; r <= second_row; r++) {
                    float *dst = o + (size_t)r * width + x0;
                    const VF lo = __builtin_shufflevector(y2[r][0], y2[r][1], SHUFFLE(LOW));
                    const VF hi = __builtin_shufflevector(y2[r][0], y2[r][1], SHUFFLE(HIGH));
                    if (count == 2 * VL) {
                        *(VFU *)dst = lo;
                        *(VFU *)(dst + VL) = hi;
                    } else {
                        float tail[2 * VL];
                        *(VFU *)tail = lo;
                        *(VFU *)(tail + VL) = hi;
                        memcpy(dst, tail, sizeof(float) * (size_t)count);
                    }
                }
            }
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
