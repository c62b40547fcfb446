# Tokenizers driven by a GGUF file's own vocabulary (SentencePiece-style and
# byte-level BPE), the pre-tokenizer splits and the Unicode tables they need.

# The Unicode tables are generated at build time from the Unicode Character
# Database instead of being typed in, so updating Unicode is a package upgrade.
set(FYR_UNICODE_DATA "/usr/share/unicode/UnicodeData.txt" CACHE FILEPATH
    "UnicodeData.txt from the Unicode Character Database (Debian: unicode-data)")
if(NOT EXISTS "${FYR_UNICODE_DATA}")
  message(FATAL_ERROR "FYR_UNICODE_DATA: '${FYR_UNICODE_DATA}' does not exist; expected the "
                      "Unicode Character Database's UnicodeData.txt (Debian: apt-get install unicode-data)")
endif()

add_executable(fyr_unicode_gen ${CMAKE_CURRENT_LIST_DIR}/unicode_gen.cpp)
target_link_libraries(fyr_unicode_gen PRIVATE fyr_warnings)

set(FYR_UNICODE_TABLES_CPP "${CMAKE_CURRENT_BINARY_DIR}/generated/unicode_tables.cpp"
    CACHE INTERNAL "Generated Unicode range table (used by the tokenizer fuzz target)")
add_custom_command(OUTPUT ${FYR_UNICODE_TABLES_CPP}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/generated
  COMMAND fyr_unicode_gen ${FYR_UNICODE_DATA} ${FYR_UNICODE_TABLES_CPP}
  DEPENDS fyr_unicode_gen ${FYR_UNICODE_DATA}
  COMMENT "Generating Unicode tables from ${FYR_UNICODE_DATA}"
  VERBATIM)
add_custom_target(fyr_unicode_tables DEPENDS ${FYR_UNICODE_TABLES_CPP})

set(FYR_TOKENIZER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/unicode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vocab.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pre_tokenizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spm_encoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bpe_encoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tokenizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/streaming_detokenizer.cpp)
set(FYR_TOKENIZER_SOURCES ${FYR_TOKENIZER_SOURCES} CACHE INTERNAL "Tokenizer sources (fuzz target)")
target_sources(fyr_engine PRIVATE ${FYR_TOKENIZER_SOURCES} ${FYR_UNICODE_TABLES_CPP})
target_include_directories(fyr_engine PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_dependencies(fyr_engine fyr_unicode_tables)
