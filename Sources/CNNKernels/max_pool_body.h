// One instruction-set variant of the 2x2 max pool, included by max_pool.c with VARIANT (a name
// suffix), TARGET (the function attribute) and VL (floats per vector) defined.

#define VF CAT(pool_vf, VARIANT)
#define VFU CAT(pool_vfu, VARIANT)
#define VI CAT(pool_vi, VARIANT)
#define VIU CAT(pool_viu, VARIANT)

typedef float VF __attribute__((vector_size(VL * 4)));
typedef float VFU __attribute__((vector_size(VL * 4), aligned(4)));
typedef int32_t VI __attribute__((vector_size(VL * 4)));
typedef int32_t VIU __attribute__((vector_size(VL * 4), aligned(4)));

/// VL outputs of a row at a time: two loads of each input row split into even and odd columns
/// give the four candidates of VL windows; the rest of the row goes window by window.
TARGET static void CAT(pool, VARIANT)(const float *source, float *destination, int32_t *winners,
                                      int plane_begin, int plane_end, int height, int width) {
    const int oh = height / 2, ow = width / 2, whole = ow / VL * VL;
    const VI lanes = {SHUFFLE(LANES)};
    for (int p = plane_begin; p < plane_end; p++) {
        const float *plane = source + (size_t)p * height * width;
        const size_t o = (size_t)p * oh * ow;
        for (int oy = 0; oy < oh; oy++) {
            const int top = 2 * oy * width;
            const float *t = plane + top, *b = t + width;
            float *out = destination + o + (size_t)oy * ow;
            int32_t *win = winners ? winners + o + (size_t)oy * ow : NULL;
            for (int ox = 0; ox < whole; ox += VL) {
                const VF t0 = *(const VFU *)(t + 2 * ox), t1 = *(const VFU *)(t + 2 * ox + VL);
                const VF b0 = *(const VFU *)(b + 2 * ox), b1 = *(const VFU *)(b + 2 * ox + VL);
                const VF candidates[4] = {__builtin_shufflevector(t0, t1, SHUFFLE(EVEN)), __builtin_shufflevector(t0, t1, SHUFFLE(ODD)),
                                          __builtin_shufflevector(b0, b1, SHUFFLE(EVEN)), __builtin_shufflevector(b0, b1, SHUFFLE(ODD))};
                VF best = candidates[0];
                VI code = (VI){};
                for (int k = 1; k < 4; k++) {
                    const VF v = candidates[k];
                    // Taken where the best so far is not NaN and v is larger or NaN.
                    const VI take = (best == best) & ((v > best) | (v != v));
                    best = (VF)(((VI)v & take) | ((VI)best & ~take));
                    code = (k & take) | (code & ~take);
                }
                *(VFU *)(out + ox) = best;
                // Window position 0-3 (row-major) -> offset within the input plane.
                if (win) *(VIU *)(win + ox) = top + 2 * (ox + lanes) + (code & 1) + (code >> 1) * width;
            }
            for (int ox = whole; ox < ow; ox++) pool_window(t, b, width, 2 * ox, top, out + ox, win ? win + ox : NULL);
        }
    }
}

#undef VF
#undef VFU
#undef VI
#undef VIU
// The parameters are undefined here so that the next variant can define its own.
#undef VARIANT
#undef TARGET
#undef VL
