# Test-time check that engine/ and kernels/ stay Qt-free.
#   cmake -DSOURCE_DIR=<repo> -DNM=<nm> -DLIBS="libA.a;libB.a" -P check_qt_free.cmake
# 1. No source or header under engine/ or kernels/ includes a Qt header.
# 2. No object in the built static libraries references a Qt symbol.
set(_failures "")

file(GLOB_RECURSE _sources
  "${SOURCE_DIR}/engine/*.h" "${SOURCE_DIR}/engine/*.hpp" "${SOURCE_DIR}/engine/*.cpp"
  "${SOURCE_DIR}/kernels/*.h" "${SOURCE_DIR}/kernels/*.hpp" "${SOURCE_DIR}/kernels/*.cpp"
  "${SOURCE_DIR}/kernels/*.cu" "${SOURCE_DIR}/kernels/*.cuh")
list(LENGTH _sources _n_sources)
if(_n_sources EQUAL 0)
  message(FATAL_ERROR "no sources found under ${SOURCE_DIR}/engine or kernels: wrong SOURCE_DIR?")
endif()
foreach(f IN LISTS _sources)
  file(STRINGS "${f}" _hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/)")
  if(_hits)
    list(APPEND _failures "${f}: ${_hits}")
  endif()
endforeach()

foreach(lib IN LISTS LIBS)
  if(NOT EXISTS "${lib}")
    list(APPEND _failures "library not built: ${lib}")
    continue()
  endif()
  execute_process(COMMAND "${NM}" -C --undefined-only "${lib}"
    OUTPUT_VARIABLE _syms RESULT_VARIABLE _rc ERROR_QUIET)
  if(NOT _rc EQUAL 0)
    list(APPEND _failures "nm failed on ${lib}")
    continue()
  endif()
  string(REGEX MATCHALL "[^\n]*(QString|QObject|QMetaObject|QByteArray|QCoreApplication|qt_[a-z])[^\n]*" _qt "${_syms}")
  if(_qt)
    list(GET _qt 0 _first)
    list(APPEND _failures "${lib} references Qt symbols, e.g. ${_first}")
  endif()
endforeach()

if(_failures)
  list(JOIN _failures "\n  " _text)
  message(FATAL_ERROR "Qt found where it must not be:\n  ${_text}")
endif()
list(LENGTH LIBS _n_libs)
message(STATUS "Qt-free: ${_n_sources} sources and ${_n_libs} libraries checked")
