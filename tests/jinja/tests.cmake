# Jinja chat-template engine: golden cases from the shared templates folder, unit
# tests, and a libFuzzer target.
fyr_add_test(tst_chat_template SOURCES jinja/tst_chat_template.cpp LIBS fyr_engine LABELS unit)

fyr_add_fuzzer(fuzz_jinja
  SOURCES tests/jinja/fuzz_jinja.cpp ${FYR_JINJA_SOURCES}
  INCLUDES engine/include
  CORPUS tests/corpus/jinja
  RUNS 20000)
