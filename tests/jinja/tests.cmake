# Jinja chat-template engine: golden cases from the shared templates folder, unit
# tests, and a libFuzzer target.
fyr_add_test(tst_chat_template SOURCES jinja/tst_chat_template.cpp LIBS fyr_engine LABELS unit)

fyr_add_fuzzer(fuzz_jinja
  SOURCES tests/jinja/fuzz_jinja.cpp
          engine/src/jinja/builtins.cpp
          engine/src/jinja/callable.cpp
          engine/src/jinja/chat_template.cpp
          engine/src/jinja/dict.cpp
          engine/src/jinja/evaluator.cpp
          engine/src/jinja/lexer.cpp
          engine/src/jinja/parser.cpp
          engine/src/jinja/py_text.cpp
          engine/src/jinja/strftime.cpp
          engine/src/jinja/template_error.cpp
          engine/src/jinja/token.cpp
          engine/src/jinja/value.cpp
  INCLUDES engine/include
  CORPUS tests/corpus/jinja
  RUNS 20000)
