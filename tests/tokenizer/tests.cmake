# Tokenizer tests: every llama.cpp vocab case and model prompt in the shared
# data must give the same ids; plus unit tests, a benchmark and a fuzz target.
fyr_add_test(tst_tokenizer SOURCES tokenizer/tst_tokenizer.cpp LIBS fyr_engine LABELS model)

# Not a test: prints MB/s and tokens/s for ~1 MB of mixed text (llama-bpe vocab).
add_executable(bench_tokenizer tokenizer/bench_tokenizer.cpp)
target_link_libraries(bench_tokenizer PRIVATE fyr_engine fyr_warnings)
target_compile_definitions(bench_tokenizer PRIVATE FYR_SHARED_DIR="${FYR_SHARED_DIR}")

set(_fyr_tok_fuzz_sources tests/tokenizer/fuzz_tokenizer.cpp engine/src/gguf_file.cpp
    engine/src/ggml_type.cpp engine/src/log.cpp ${FYR_TOKENIZER_SOURCES} ${FYR_UNICODE_TABLES_CPP})
fyr_add_fuzzer(fuzz_tokenizer
  SOURCES ${_fyr_tok_fuzz_sources}
  INCLUDES engine/include engine/src/tokenizer
  DEFINES "FYR_FUZZ_VOCAB=\"${FYR_SHARED_DIR}/models/vocab/ggml-vocab-llama-bpe.gguf\""
          "FYR_FUZZ_VOCAB_SPM=\"${FYR_SHARED_DIR}/models/vocab/ggml-vocab-llama-spm.gguf\""
  CORPUS tests/corpus/tokenizer
  RUNS 20000)
if(TARGET fuzz_tokenizer_build)
  # The Unicode table is generated in the engine's build folder.
  add_dependencies(fuzz_tokenizer_build fyr_unicode_tables)
endif()
