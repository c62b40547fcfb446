# The serving runtime: paged KV cache, scheduler, continuous batching.
target_sources(fyr_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/paged_kv_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runtime.cpp)
