// What the kernels' variant templates share: shuffle index lists per vector length, the name
// pasting they use, and the padding of one input row. Included once by each kernel's .c file,
// before its variants.

#ifndef SEGNB_KERNEL_COMMON_H
#define SEGNB_KERNEL_COMMON_H

#include <stddef.h>
#include <string.h>

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)

// Index lists for __builtin_shufflevector, by vector length: SHUFFLE(EVEN) expands to the list
// for the VL in effect where it is used.
#define SHUFFLE(NAME) CAT(NAME, VL)
// The even and odd lanes of two vectors a, b (a's lanes first): deinterleaving.
#define EVEN_16 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30
#define ODD_16 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31
#define EVEN_8 0, 2, 4, 6, 8, 10, 12, 14
#define ODD_8 1, 3, 5, 7, 9, 11, 13, 15
// a0 b0 a1 b1 ...: the first and second halves of interleaving a and b.
#define LOW_16 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23
#define HIGH_16 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31
#define LOW_8 0, 8, 1, 9, 2, 10, 3, 11
#define HIGH_8 4, 12, 5, 13, 6, 14, 7, 15
// 0, 1, 2, ...: the lane numbers, as an integer vector's initialiser.
#define LANES_16 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
#define LANES_8 0, 1, 2, 3, 4, 5, 6, 7
// Each half (quarter, pair) of the lanes swapped with its neighbour, for a reduction by halving.
#define HALF4_16 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3
#define HALF2_16 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1
#define HALF1_16 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0
#define HALF4_8 4, 5, 6, 7, 0, 1, 2, 3
#define HALF2_8 2, 3, 0, 1, 2, 3, 0, 1
#define HALF1_8 1, 0, 1, 0, 1, 0, 1, 0

/// Row `py` of the zero-padded image ([channels][height][width] with one zero row above and
/// below and one zero column left, then zeros to `padded_width`), for every channel, into `dst`
/// ([channels][padded_width]). Rows 0 and above `height` are all zeros.
static inline void pad_row(const float *image, int channels, int height, int width, int padded_width,
                           int py, float *dst) {
    if (py == 0 || py > height) {
        memset(dst, 0, sizeof(float) * (size_t)channels * (size_t)padded_width);
        return;
    }
    for (int ci = 0; ci < channels; ci++) {
        float *row = dst + (size_t)ci * padded_width;
        row[0] = 0.0f;
        memcpy(row + 1, image + ((size_t)ci * height + (py - 1)) * width, sizeof(float) * (size_t)width);
        memset(row + 1 + width, 0, sizeof(float) * (size_t)(padded_width - 1 - width));
    }
}

#endif
