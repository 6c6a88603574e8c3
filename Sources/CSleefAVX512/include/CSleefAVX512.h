// CSleefAVX512 exports nothing of its own: its loops are declared in CSleef/shim.h, which picks
// them at run time. This header keeps the target's public header folder in the repository
// (SwiftPM needs it to exist; git keeps no empty folders).
