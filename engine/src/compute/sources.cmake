# The engine's compute threads and the memory its steps stream through.
target_sources(fyr_engine PRIVATE ${CMAKE_CURRENT_LIST_DIR}/thread_pool.cpp ${CMAKE_CURRENT_LIST_DIR}/huge_page_buffer.cpp)
find_package(Threads REQUIRED)
target_link_libraries(fyr_engine PUBLIC Threads::Threads)
