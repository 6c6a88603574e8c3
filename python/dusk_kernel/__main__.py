"""`python -m dusk_kernel -f CONNECTION_FILE`: how Jupyter starts the kernel (see kernel.json)."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import DuskKernel

IPKernelApp.launch_instance(kernel_class=DuskKernel)
