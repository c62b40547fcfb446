# cmake -DEXE=<fuzzer> -DWORK=<dir> -DCORPUS=<dir> -DRUNS=<n> -P run_fuzzer.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(COMMAND "${EXE}" -runs=${RUNS} -seed=1 -max_len=65536 -timeout=10 -rss_limit_mb=4096
                        "${WORK}" "${CORPUS}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzzer ${EXE} found a problem (exit ${rc}); the crashing input is in the current folder")
endif()
