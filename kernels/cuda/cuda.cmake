# CUDA kernels. The runtime is linked statically: it loads the driver (libcuda) at
# run time, so a CUDA build still starts on a machine without an NVIDIA driver.
target_sources(fyr_kernels PRIVATE ${CMAKE_CURRENT_LIST_DIR}/cuda_devices.cu)
target_link_libraries(fyr_kernels PRIVATE CUDA::cudart_static)
