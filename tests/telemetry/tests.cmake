# Telemetry: the probes against fake /proc and sysfs trees and a stand-in NVML,
# the sampler's thread; one `gpu` test against the machine's real NVML.
fyr_add_test(tst_probe_file SOURCES telemetry/tst_probe_file.cpp LIBS fyr_telemetry LABELS unit)

# A stand-in NVML (fake_nvml.cpp) in four builds: complete, without an optional
# function, without an essential one, and writing the longer process element.
foreach(_variant IN ITEMS "fake_nvml;" "fake_nvml_no_energy;FAKE_NVML_NO_ENERGY"
                          "fake_nvml_no_count;FAKE_NVML_NO_COUNT" "fake_nvml_cc;FAKE_NVML_CC_PROCESS_INFO")
  list(GET _variant 0 _name)
  list(GET _variant 1 _define)
  add_library(${_name} MODULE telemetry/fake_nvml.cpp)
  target_include_directories(${_name} PRIVATE ${CMAKE_SOURCE_DIR}/app)
  target_link_libraries(${_name} PRIVATE fyr_warnings)
  set_target_properties(${_name} PROPERTIES AUTOMOC OFF)
  if(_define)
    target_compile_definitions(${_name} PRIVATE ${_define})
  endif()
endforeach()
fyr_add_test(tst_nvml_probe SOURCES telemetry/tst_nvml_probe.cpp LIBS fyr_telemetry LABELS unit)
target_compile_definitions(tst_nvml_probe PRIVATE
  FYR_FAKE_NVML="$<TARGET_FILE:fake_nvml>"
  FYR_FAKE_NVML_NO_ENERGY="$<TARGET_FILE:fake_nvml_no_energy>"
  FYR_FAKE_NVML_NO_COUNT="$<TARGET_FILE:fake_nvml_no_count>"
  FYR_FAKE_NVML_CC="$<TARGET_FILE:fake_nvml_cc>")
add_dependencies(tst_nvml_probe fake_nvml fake_nvml_no_energy fake_nvml_no_count fake_nvml_cc)
# The machine's own NVML, when it has one (SKIP otherwise).
fyr_add_test(tst_nvml_gpu SOURCES telemetry/tst_nvml_gpu.cpp LIBS fyr_telemetry LABELS gpu)
fyr_add_test(tst_amd_sysfs_probe SOURCES telemetry/tst_amd_sysfs_probe.cpp LIBS fyr_telemetry LABELS unit)
fyr_add_test(tst_powercap_energy SOURCES telemetry/tst_powercap_energy.cpp LIBS fyr_telemetry LABELS unit)
fyr_add_test(tst_system_probe SOURCES telemetry/tst_system_probe.cpp LIBS fyr_telemetry LABELS unit)
fyr_add_test(tst_probe_sampler SOURCES telemetry/tst_probe_sampler.cpp LIBS fyr_telemetry LABELS unit)
# The metrics registry: arithmetic, names, the label cap, updates from many threads.
fyr_add_test(tst_metrics_registry SOURCES telemetry/tst_metrics_registry.cpp LIBS fyr_telemetry LABELS unit)
# The Prometheus text exposition: golden text and escaping; then `promtool check
# metrics` on it (Debian package prometheus; SKIP without it).
fyr_add_test(tst_prometheus_text SOURCES telemetry/tst_prometheus_text.cpp LIBS fyr_telemetry LABELS unit)
fyr_add_test(tst_promtool_exposition SOURCES telemetry/tst_promtool_exposition.cpp LIBS fyr_telemetry LABELS unit)
# The standard metric set and the probes fed into it.
fyr_add_test(tst_fyr_metrics SOURCES telemetry/tst_fyr_metrics.cpp LIBS fyr_telemetry LABELS unit)
# The time series: ring buffers and their cap, downsampling into SQLite with a
# fake clock, range queries, CSV, and the registry's feeder.
fyr_add_test(tst_time_series_buffer SOURCES telemetry/tst_time_series_buffer.cpp LIBS fyr_telemetry LABELS unit)
find_package(SQLite3 REQUIRED)
fyr_add_test(tst_series_downsampler SOURCES telemetry/tst_series_downsampler.cpp
             LIBS fyr_telemetry SQLite::SQLite3 LABELS unit)
fyr_add_test(tst_series_query SOURCES telemetry/tst_series_query.cpp LIBS fyr_telemetry SQLite::SQLite3 LABELS unit)
# CSV export: golden text with awkward label values, quoting and the formula guard.
fyr_add_test(tst_series_csv SOURCES telemetry/tst_series_csv.cpp LIBS fyr_telemetry LABELS unit)
# The registry fed into the ring: gauges, counter rates and resets, histogram means.
fyr_add_test(tst_series_feeder SOURCES telemetry/tst_series_feeder.cpp LIBS fyr_telemetry LABELS unit)
# Alerts: SLO burn rates over synthetic series with a fake clock, anomaly
# scores on noise with and without anomalies, the manager's hysteresis,
# deduplication, acknowledgement and sinks.
fyr_add_test(tst_burn_rate SOURCES telemetry/tst_burn_rate.cpp LIBS fyr_telemetry LABELS unit)
fyr_add_test(tst_anomaly_detector SOURCES telemetry/tst_anomaly_detector.cpp LIBS fyr_telemetry LABELS unit)
fyr_add_test(tst_alert_manager SOURCES telemetry/tst_alert_manager.cpp LIBS fyr_telemetry LABELS unit)
# Observability as code: the shipped SLOs, rules and dashboards, round trips,
# errors with file and JSON path, and damaged files (mutation, label fuzz).
fyr_add_test(tst_observability_config SOURCES telemetry/tst_observability_config.cpp LIBS fyr_telemetry LABELS unit fuzz)
# Capacity forecast: Holt-Winters accuracy on synthetic seasonal load, the
# fallbacks with short history, capacity flagged ahead of time.
fyr_add_test(tst_capacity_forecast SOURCES telemetry/tst_capacity_forecast.cpp LIBS fyr_telemetry LABELS unit)
# Tracing: W3C traceparent/tracestate against the spec's cases, an independent
# reading of the grammar over mutated headers and the checked-in corpus; the
# same parser as a libFuzzer target.
fyr_add_test(tst_trace_context SOURCES telemetry/tst_trace_context.cpp LIBS fyr_telemetry LABELS unit fuzz)
fyr_add_fuzzer(fuzz_traceparent
  SOURCES tests/telemetry/fuzz_traceparent.cpp app/telemetry/trace_context.cpp
  INCLUDES app
  CORPUS tests/corpus/traceparent
  RUNS 200000)
# The alert webhook: delivery to a local listener, retries, refused URLs.
fyr_add_test(tst_webhook_alert_sink SOURCES telemetry/tst_webhook_alert_sink.cpp LIBS fyr_telemetry_webhook LABELS unit)
# Request traces (phase spans, GenAI attributes, the log context) and the
# bounded trace store the UI reads a request's timeline from.
fyr_add_test(tst_request_trace SOURCES telemetry/tst_request_trace.cpp LIBS fyr_telemetry LABELS unit)
# The shipped SLOs and rules on the registry, feeder, ring and alert manager.
fyr_add_test(tst_alert_pipeline SOURCES telemetry/tst_alert_pipeline.cpp LIBS fyr_telemetry LABELS unit)
# The OTLP/HTTP JSON exporter against a collector in the test: the span tree of
# a request that continues a caller's trace, batches, retries, timeouts, the
# queue's bound, headers never logged.
fyr_add_test(tst_otlp_exporter SOURCES telemetry/tst_otlp_exporter.cpp LIBS fyr_telemetry_otlp LABELS unit)
# Request and trace ids in the JSON log lines (core/logging through fyr_app).
fyr_add_test(tst_log_context SOURCES telemetry/tst_log_context.cpp LIBS fyr_app LABELS unit)
# A runtime result laid onto its trace; a real request on stories260K (SKIP
# without it) traced from a caller's traceparent and exported to a collector.
fyr_add_test(tst_request_tracing SOURCES telemetry/tst_request_tracing.cpp LIBS fyr_app fyr_telemetry_otlp LABELS unit model)
# Vulkan devices' memory (budget extension, or heap sizes on Mesa's CPU driver).
fyr_add_test(tst_vulkan_memory_probe SOURCES telemetry/tst_vulkan_memory_probe.cpp LIBS fyr_app LABELS unit)
