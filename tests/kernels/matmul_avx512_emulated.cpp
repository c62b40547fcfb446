// The AVX-512 kernels built against portable AVX-512 (SIMDe, tests/kernels/simde_avx512.h)
// so tst_matmul can check them on CPUs without AVX-512. The table getter is renamed
// avx512_kernels_emulated(); this file gets no -mavx* flags.
#define FYR_KERNELS_SIMDE 1
#include "matmul_avx512.cpp"
