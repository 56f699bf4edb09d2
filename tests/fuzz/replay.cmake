# The fuzz targets whose code is in lobsync_core, the SDK's headers or a plugin's format library,
# built in the normal build with replay_main.cpp instead of libFuzzer (no sanitizers) and run over
# their checked-in seeds as tests (FuzzSeeds.<target>). The others need a plugin's sources
# compiled into the harness; they run only in the libFuzzer build (README.md here).
add_library(lobsync_fuzz_replay_main STATIC ${CMAKE_CURRENT_LIST_DIR}/replay_main.cpp)

function(lobsync_add_fuzz_replay name)
  set(target lobsync_fuzz_replay_${name})
  add_executable(${target} ${CMAKE_CURRENT_LIST_DIR}/${name}_fuzz.cpp)
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR}/plugins
                                               ${PROJECT_SOURCE_DIR}/plugins/sdk)
  target_link_libraries(${target} PRIVATE lobsync_fuzz_replay_main lobsync_core ${ARGN})
  # In a sanitizer build the harness is instrumented like the daemon: some parsers it drives
  # live in the SDK's headers and are compiled here.
  target_compile_options(${target} PRIVATE ${LOBSYNC_SANITIZE_OPTIONS})
  add_test(NAME FuzzSeeds.${name} COMMAND ${target} ${CMAKE_CURRENT_LIST_DIR}/corpus/${name})
endfunction()

foreach(name address bidi_text conversation_record csv form mime_encoding oauth2_token record request_target retry_after student_report token)
  lobsync_add_fuzz_replay(${name})
endforeach()
if(TARGET lobsync_caldav_formats)
  lobsync_add_fuzz_replay(ical lobsync_caldav_formats)
  lobsync_add_fuzz_replay(multistatus lobsync_caldav_formats)
endif()
if(TARGET lobsync_zermelo_formats)
  lobsync_add_fuzz_replay(zermelo lobsync_zermelo_formats)
endif()
