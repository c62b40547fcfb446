# Jinja chat-template engine (lexer, parser, evaluator) and the ChatTemplate facade.
find_package(nlohmann_json 3 REQUIRED)
target_sources(fyr_engine PRIVATE
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
target_link_libraries(fyr_engine PUBLIC nlohmann_json::nlohmann_json)
