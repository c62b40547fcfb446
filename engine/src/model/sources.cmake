# The model loader, the scalar reference forward pass, and the model writers
# (quantization, random test models).
find_package(Threads REQUIRED)
target_sources(fyr_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/arch_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arch_llama.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arch_qwen2.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_quantizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reference_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_forward.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/context_factory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_model.cpp)
# The fast pass reads no floating-point exception flags: without trapping math
# the compiler may turn its clamps into vector selects (softmax's exp).
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/cpu_forward.cpp PROPERTIES COMPILE_OPTIONS -fno-trapping-math)
