# Benchmarks: built with the project, run by tests/bench/run_benchmarks.sh, never as tests.
find_package(Threads REQUIRED)
add_executable(fyr_read_bandwidth bench/read_bandwidth.cpp)
target_link_libraries(fyr_read_bandwidth PRIVATE fyr_kernels Threads::Threads)
set_target_properties(fyr_read_bandwidth PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
