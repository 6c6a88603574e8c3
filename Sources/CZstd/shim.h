#ifndef DUSK_CZSTD_SHIM_H
#define DUSK_CZSTD_SHIM_H
#include <zstd.h>
#endif
