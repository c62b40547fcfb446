# The engine's compute threads.
target_sources(fyr_engine PRIVATE ${CMAKE_CURRENT_LIST_DIR}/thread_pool.cpp)
find_package(Threads REQUIRED)
target_link_libraries(fyr_engine PUBLIC Threads::Threads)
