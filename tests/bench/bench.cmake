# Benchmarks: built with the project, run by tests/bench/run_benchmarks.sh, never as tests.
find_package(Threads REQUIRED)
add_executable(fyr_read_bandwidth bench/read_bandwidth.cpp)
target_link_libraries(fyr_read_bandwidth PRIVATE fyr_kernels Threads::Threads)
set_target_properties(fyr_read_bandwidth PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")

# What telemetry costs: the registry's hot path and engine throughput off vs on.
add_executable(fyr_bench_telemetry bench/bench_telemetry.cpp)
target_link_libraries(fyr_bench_telemetry PRIVATE fyr_app fyr_warnings)
target_compile_definitions(fyr_bench_telemetry PRIVATE FYR_SHARED_DIR="${FYR_SHARED_DIR}")
set_target_properties(fyr_bench_telemetry PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
