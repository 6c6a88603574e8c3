#ifndef DUSK_CLAPACKE_SHIM_H
#define DUSK_CLAPACKE_SHIM_H
// LAPACK's C interface (Debian's liblapacke-dev), over the LAPACK of Debian's OpenBLAS.
#include <lapacke.h>
#endif
