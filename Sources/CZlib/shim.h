#ifndef DUSK_CZLIB_SHIM_H
#define DUSK_CZLIB_SHIM_H
#include <zlib.h>
#endif
