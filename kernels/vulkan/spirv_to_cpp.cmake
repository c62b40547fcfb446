# cmake -DIN=x.spv -DOUT=x.cpp -DNAME=x -DNAMESPACE=a::b -P spirv_to_cpp.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n_hex)
math(EXPR rem "${n_hex} % 8")
if(n_hex EQUAL 0 OR NOT rem EQUAL 0)
  message(FATAL_ERROR "${IN}: not SPIR-V (size ${n_hex} hex digits is not a whole number of words)")
endif()
# Little-endian bytes b0 b1 b2 b3 -> word 0xb3b2b1b0
string(REGEX REPLACE "(..)(..)(..)(..)" "0x\\4\\3\\2\\1u," words "${hex}")
string(REGEX REPLACE "(([^,]*,){8})" "\\1\n    " words "${words}")
math(EXPR n_words "${n_hex} / 8")
file(WRITE "${OUT}.tmp"
"// Generated from ${NAME}.spv; do not edit.
#include <cstddef>
#include <cstdint>
namespace ${NAMESPACE} {
extern const uint32_t ${NAME}[];
extern const size_t ${NAME}_words;
alignas(4) const uint32_t ${NAME}[] = {
    ${words}
};
const size_t ${NAME}_words = ${n_words};
}
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
