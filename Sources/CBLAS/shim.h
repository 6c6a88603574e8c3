#ifndef DUSK_CBLAS_SHIM_H
#define DUSK_CBLAS_SHIM_H
#include <cblas.h>
#endif
