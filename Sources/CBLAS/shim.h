// OpenBLAS's CBLAS interface, from Debian's libopenblas-dev (/usr/include/x86_64-linux-gnu/cblas.h).
#include <cblas.h>
