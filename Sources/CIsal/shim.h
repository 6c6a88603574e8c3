#ifndef DUSK_CISAL_SHIM_H
#define DUSK_CISAL_SHIM_H
#include <stdint.h>
#include <isa-l/crc.h>
#endif
