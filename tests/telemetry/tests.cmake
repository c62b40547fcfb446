# Telemetry: the probes against fake /proc and sysfs trees and a stand-in NVML,
# the sampler's thread; one `gpu` test against the machine's real NVML.
fyr_add_test(tst_probe_file SOURCES telemetry/tst_probe_file.cpp LIBS fyr_telemetry LABELS unit)
