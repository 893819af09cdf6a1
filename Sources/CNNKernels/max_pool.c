#include "max_pool.h"
#include "kernel_common.h"

#include <math.h>
#include <stddef.h>

// One window in portable C: the reference semantics and the tail of every row.
static inline void pool_window(const float *top, const float *bottom, int width, int left,
                               int top_offset, float *best_out, int32_t *winner) {
    const float candidates[4] = {top[left], top[left + 1], bottom[left], bottom[left + 1]};
    const int offsets[4] = {top_offset + left, top_offset + left + 1, top_offset + width + left,
                            top_offset + width + left + 1};
    float best = candidates[0];
    int offset = offsets[0];
    for (int k = 1; k < 4; k++)
        if (!isnan(best) && (candidates[k] > best || isnan(candidates[k]))) {
            best = candidates[k];
            offset = offsets[k];
        }
    *best_out = best;
    if (winner) *winner = (int32_t)offset;
}

static void pool_portable(const float *source, float *destination, int32_t *winners,
                          int plane_begin, int plane_end, int height, int width) {
    const int oh = height / 2, ow = width / 2;
    for (int p = plane_begin; p < plane_end; p++) {
        const float *plane = source + (size_t)p * height * width;
        const size_t o = (size_t)p * oh * ow;
        for (int oy = 0; oy < oh; oy++) {
            const int top = 2 * oy * width;
            for (int ox = 0; ox < ow; ox++)
                pool_window(plane + top, plane + top + width, width, 2 * ox, top,
                            destination + o + (size_t)oy * ow + ox,
                            winners ? winners + o + (size_t)oy * ow + ox : NULL);
        }
    }
}

// AVX-512: 16 outputs of a row per step.
#define VARIANT avx512
#define TARGET __attribute__((target("avx512f")))
#define VL 16
#include "max_pool_body.h"

// AVX2: 8 outputs of a row per step.
#define VARIANT avx2
#define TARGET __attribute__((target("avx2")))
#define VL 8
#include "max_pool_body.h"

void segnb_max_pool_2x2(int level, const float *source, float *destination, int32_t *winners,
                        int plane_begin, int plane_end, int height, int width) {
    if (level == 2) pool_avx512(source, destination, winners, plane_begin, plane_end, height, width);
    else if (level == 1) pool_avx2(source, destination, winners, plane_begin, plane_end, height, width);
    else pool_portable(source, destination, winners, plane_begin, plane_end, height, width);
}
