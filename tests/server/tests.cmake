# The OpenAI-compatible API server: its body parser (unit), the server itself
# in-process with stories260K (model), and a libFuzzer target for the parser.
fyr_add_test(tst_chat_completion_request SOURCES server/tst_chat_completion_request.cpp LIBS fyr_app LABELS unit)
fyr_add_fuzzer(fuzz_chat_completion_request QT
  SOURCES tests/fuzz/fuzz_chat_completion_request.cpp app/server/chat_completion_request.cpp
  INCLUDES app
  CORPUS tests/corpus/chat_completion
  RUNS 200000)
fyr_add_test(tst_api_server SOURCES server/tst_api_server.cpp LIBS fyr_app LABELS model)
# fyrctl serve as a process: usage errors, an answer over HTTP, SIGTERM, the audit.
fyr_add_test(tst_fyrctl_serve SOURCES server/tst_fyrctl_serve.cpp LIBS fyr_app LABELS "unit;model")
add_dependencies(tst_fyrctl_serve fyrctl)
