#include "vector_level.h"

int segnb_vector_level(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
    return 0;
}

const char *segnb_vector_level_name(int level) {
    return level == 2 ? "avx512" : level == 1 ? "avx2" : "none";
}
