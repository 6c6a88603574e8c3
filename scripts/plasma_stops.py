#!/usr/bin/env python3
"""Prints matplotlib's `plasma` colour map (Dask's default for `color='order'`) at 17 evenly
spaced stops, as the hex table in Sources/DuskGraph/Rendering/PictureStyle.swift.

Needs matplotlib (`pip install matplotlib`).
"""
import matplotlib.pyplot as plt

cmap = plt.cm.plasma
print(", ".join("0x%02X%02X%02X" % tuple(int(v) for v in cmap(i / 16, bytes=True)[:3]) for i in range(17)))
