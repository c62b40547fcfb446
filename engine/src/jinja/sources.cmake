# Jinja chat-template engine (lexer, parser, evaluator) and the ChatTemplate facade.
find_package(nlohmann_json 3 REQUIRED)
set(FYR_JINJA_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/builtins.cpp
  ${CMAKE_CURRENT_LIST_DIR}/callable.cpp
  ${CMAKE_CURRENT_LIST_DIR}/chat_template.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dict.cpp
  ${CMAKE_CURRENT_LIST_DIR}/evaluator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lexer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/py_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/strftime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/template_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token.cpp
  ${CMAKE_CURRENT_LIST_DIR}/value.cpp)
# Also compiled into the fuzz target, which is built by clang outside this target.
set(FYR_JINJA_SOURCES ${FYR_JINJA_SOURCES} CACHE INTERNAL "Jinja engine sources (fuzz target)")
target_sources(fyr_engine PRIVATE ${FYR_JINJA_SOURCES})
target_link_libraries(fyr_engine PUBLIC nlohmann_json::nlohmann_json)
