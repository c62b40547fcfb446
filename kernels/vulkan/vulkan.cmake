# Vulkan compute: GLSL compute shaders are compiled to SPIR-V with glslc at build
# time and embedded in the library as word arrays (no shader files to ship).
# Included from kernels/CMakeLists.txt (not a subdirectory): custom commands must
# live in the same directory as the target that consumes their outputs.
include(${CMAKE_CURRENT_LIST_DIR}/FyrEmbedSpirv.cmake)

fyr_embed_spirv(fyr_kernels
  SHADERS ${CMAKE_CURRENT_LIST_DIR}/shaders/fill_iota.comp
  NAMESPACE fyr::kernels::vulkan::spirv)

target_sources(fyr_kernels PRIVATE ${CMAKE_CURRENT_LIST_DIR}/vulkan_devices.cpp)
target_link_libraries(fyr_kernels PRIVATE Vulkan::Vulkan)
