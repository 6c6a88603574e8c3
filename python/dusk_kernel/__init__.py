"""The Jupyter kernel for Dusk: relays Jupyter's messages to `dusk --jupyter-protocol`."""

__version__ = "0.1.0"
