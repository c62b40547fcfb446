# The reference forward pass against llama.cpp's logits for every shared model:
# float weights in one test, quantized weights (skipped per model while their
# types cannot be dequantized) in another, so skips never hide the float results.
fyr_add_test(tst_reference_forward SOURCES model/tst_reference_forward.cpp model/reference_check.h
             LIBS fyr_engine LABELS model)
fyr_add_test(tst_reference_forward_quantized SOURCES model/tst_reference_forward_quantized.cpp model/reference_check.h
             LIBS fyr_engine LABELS model)
fyr_add_test(tst_generation SOURCES model/tst_generation.cpp LIBS fyr_app LABELS model)
# The fast CPU forward pass on every kernel set the CPU runs, against the same
# llama.cpp references and against the reference pass.
fyr_add_test(tst_cpu_forward SOURCES model/tst_cpu_forward.cpp model/reference_check.h
             LIBS fyr_engine LABELS model)
# ... and on the AVX-512 kernels over SIMDe (kernels/tests.cmake), whatever the CPU.
if(TARGET fyr_kernels_avx512_emulated)
  target_link_libraries(tst_cpu_forward PRIVATE fyr_kernels_avx512_emulated)
  target_compile_definitions(tst_cpu_forward PRIVATE FYR_TEST_AVX512_EMULATED=1)
  target_include_directories(tst_cpu_forward PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/kernels
                             ${CMAKE_SOURCE_DIR}/kernels/cpu)
endif()
# fyrctl bench, chat and generate on every kernel set (real models, a real process for chat).
fyr_add_test(tst_fyrctl_engine SOURCES model/tst_fyrctl_engine.cpp LIBS fyr_app LABELS model)
fyr_add_test(tst_engine_bridge SOURCES model/tst_engine_bridge.cpp LIBS fyr_app LABELS model)
# The model writers: quantization (against llama-quantize's files and mix rules) and
# random test models (loadable, deterministic).
fyr_add_test(tst_model_quantizer SOURCES model/tst_model_quantizer.cpp LIBS fyr_engine LABELS model)
fyr_add_test(tst_test_model SOURCES model/tst_test_model.cpp LIBS fyr_engine LABELS model)
# The serving runtime: continuous batching, paged KV, prefix reuse, cancellation, pre-emption.
fyr_add_test(tst_runtime SOURCES model/tst_runtime.cpp LIBS fyr_engine LABELS model)
fyr_add_test(tst_runtime_metrics SOURCES model/tst_runtime_metrics.cpp LIBS fyr_app LABELS model)
# Speculative decoding: the same output as the target alone, with any draft length.
fyr_add_test(tst_speculative SOURCES model/tst_speculative.cpp LIBS fyr_app LABELS model)
