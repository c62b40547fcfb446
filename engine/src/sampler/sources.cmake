# The token sampler.
target_sources(fyr_engine PRIVATE ${CMAKE_CURRENT_LIST_DIR}/sampler.cpp)
