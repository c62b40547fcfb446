# CPU kernels against their scalar oracle and the CPU's own instructions.
fyr_add_test(tst_half_float SOURCES kernels/tst_half_float.cpp LIBS fyr_kernels LABELS unit)
