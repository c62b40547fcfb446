# CPU kernels against their scalar oracle and the CPU's own instructions.
fyr_add_test(tst_half_float SOURCES kernels/tst_half_float.cpp LIBS fyr_kernels LABELS unit)
# The dequantization oracle: hand-built blocks, and the quantized test models against
# their F32 original (needs the engine's GGUF reader).
fyr_add_test(tst_dequantize SOURCES kernels/tst_dequantize.cpp LIBS fyr_engine LABELS unit model)
# The matmul kernels: scalar against the dequantization oracle, every SIMD ISA the CPU
# has against scalar, and the dispatch contract. Reads one private header (kernels/cpu).
fyr_add_test(tst_matmul SOURCES kernels/tst_matmul.cpp LIBS fyr_kernels LABELS unit)
target_include_directories(tst_matmul PRIVATE ${CMAKE_SOURCE_DIR}/kernels/cpu)
# With SIMDe's headers (Debian: libsimde-dev) the AVX-512 kernels are also checked
# here, emulated, whatever the CPU; without them that part reports SKIP.
find_path(FYR_SIMDE_INCLUDE_DIR simde/x86/avx512.h)
if(FYR_SIMDE_INCLUDE_DIR)
  # Compiled once, for tst_matmul and tst_matmul_packed.
  add_library(fyr_kernels_avx512_emulated OBJECT kernels/matmul_avx512_emulated.cpp)
  # SIMDe's 512-bit types passed by value draw an ABI note; -O1 keeps its compile time down.
  target_compile_options(fyr_kernels_avx512_emulated PRIVATE -Wno-psabi -O1)
  target_include_directories(fyr_kernels_avx512_emulated PRIVATE ${CMAKE_SOURCE_DIR}/kernels/cpu
                             ${CMAKE_CURRENT_SOURCE_DIR}/kernels)
  target_include_directories(fyr_kernels_avx512_emulated SYSTEM PRIVATE ${FYR_SIMDE_INCLUDE_DIR})
  target_link_libraries(fyr_kernels_avx512_emulated PRIVATE fyr_kernels fyr_warnings)
  target_link_libraries(tst_matmul PRIVATE fyr_kernels_avx512_emulated)
  target_compile_definitions(tst_matmul PRIVATE FYR_TEST_AVX512_EMULATED=1)
endif()
# Matmul speed per type and ISA (a program that prints figures, not a test).
add_executable(bench_matmul bench/bench_matmul.cpp)
target_link_libraries(bench_matmul PRIVATE fyr_kernels fyr_warnings)
# The reference quantizers against the dequantization oracle (round trips, exact
# values, zero blocks).
fyr_add_test(tst_quantize SOURCES kernels/tst_quantize.cpp LIBS fyr_kernels LABELS unit)
# The same quantizers against llama-quantize's bytes in the shared test models.
fyr_add_test(tst_quantize_reference SOURCES kernels/tst_quantize_reference.cpp LIBS fyr_engine LABELS model)
# The packed 8-row layouts against the scalar kernels on the file's layout.
fyr_add_test(tst_matmul_packed SOURCES kernels/tst_matmul_packed.cpp LIBS fyr_kernels LABELS unit)
if(FYR_SIMDE_INCLUDE_DIR)
  target_link_libraries(tst_matmul_packed PRIVATE fyr_kernels_avx512_emulated)
  target_compile_definitions(tst_matmul_packed PRIVATE FYR_TEST_AVX512_EMULATED=1)
  target_include_directories(tst_matmul_packed PRIVATE ${CMAKE_SOURCE_DIR}/kernels/cpu)
endif()
