# GGUF reader and writer.
fyr_add_test(tst_gguf SOURCES gguf/tst_gguf.cpp LIBS fyr_engine LABELS "unit;model")
add_executable(make_gguf_corpus gguf/make_gguf_corpus.cpp)
target_link_libraries(make_gguf_corpus PRIVATE fyr_warnings)
fyr_add_fuzzer(fuzz_gguf
  SOURCES tests/gguf/fuzz_gguf.cpp engine/src/gguf_file.cpp engine/src/ggml_type.cpp
  INCLUDES engine/include
  CORPUS tests/corpus/gguf
  RUNS 200000)
fyr_add_test(tst_model_info SOURCES gguf/tst_model_info.cpp LIBS fyr_engine LABELS model)
