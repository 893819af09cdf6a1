// The vector kernels of SegNN written in C, each compiled for AVX-512 and AVX2 and chosen at run
// time (vector_level.h). This umbrella header lists them, so that adding one rebuilds the module.
#include "direct_conv.h"
#include "max_pool.h"
#include "transposed_conv.h"
#include "vector_level.h"
#include "winograd_conv.h"
