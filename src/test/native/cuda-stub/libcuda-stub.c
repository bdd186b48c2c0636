/*
 * A libcuda.so.1 with no functions, for tests only: JavaCPP's CUDA bindings list libcuda.so.1 as a needed library, so
 * the dynamic linker wants a file of that name before NVRTC (which runs on the host and needs no driver) can be used.
 * Functions are bound lazily, so nothing from the driver is looked up until it is called, and the tests call none;
 * cudart, which opens the driver itself, reports "no driver" (an error code) rather than crashing.
 */
int sae_explorer_cuda_stub = 1;
