# CPU kernels against their scalar oracle and the CPU's own instructions.
fyr_add_test(tst_half_float SOURCES kernels/tst_half_float.cpp LIBS fyr_kernels LABELS unit)
# The dequantization oracle: hand-built blocks, and the quantized test models against
# their F32 original (needs the engine's GGUF reader).
fyr_add_test(tst_dequantize SOURCES kernels/tst_dequantize.cpp LIBS fyr_engine LABELS unit model)
