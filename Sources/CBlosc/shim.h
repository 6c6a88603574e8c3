#ifndef DUSK_CBLOSC_SHIM_H
#define DUSK_CBLOSC_SHIM_H
#include <blosc.h>
#endif
