# CPU kernels against their scalar oracle and the CPU's own instructions.
fyr_add_test(tst_half_float SOURCES kernels/tst_half_float.cpp LIBS fyr_kernels LABELS unit)
# The dequantization oracle: hand-built blocks, and the quantized test models against
# their F32 original (needs the engine's GGUF reader).
fyr_add_test(tst_dequantize SOURCES kernels/tst_dequantize.cpp LIBS fyr_engine LABELS unit model)
# The reference quantizers against the dequantization oracle (round trips, exact
# values, zero blocks).
fyr_add_test(tst_quantize SOURCES kernels/tst_quantize.cpp LIBS fyr_kernels LABELS unit)
# The same quantizers against llama-quantize's bytes in the shared test models.
fyr_add_test(tst_quantize_reference SOURCES kernels/tst_quantize_reference.cpp LIBS fyr_engine LABELS model)
