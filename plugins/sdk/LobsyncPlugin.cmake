# lobsync_add_plugin(<name> SOURCES … [LIBS …] [OUTPUT_DIR dir] [NO_INSTALL])
# Builds a plugin as a MODULE named lobsync-<name>.so that exports only its entry symbol and
# never depends on symbols of the host executable.
add_custom_target(lobsync_plugins)

function(lobsync_add_plugin name)
  cmake_parse_arguments(P "NO_INSTALL" "OUTPUT_DIR" "SOURCES;LIBS" ${ARGN})
  if(NOT P_OUTPUT_DIR)
    set(P_OUTPUT_DIR ${LOBSYNC_PLUGIN_BUILD_DIR})
  endif()
  set(target lobsync_plugin_${name})
  string(REPLACE "-" "_" target ${target})
  add_library(${target} MODULE ${P_SOURCES})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/plugins/sdk)
  target_link_libraries(${target} PRIVATE nlohmann_json::nlohmann_json date::date-tz ${P_LIBS})
  target_link_options(${target} PRIVATE -Wl,--no-undefined -Wl,--exclude-libs,ALL)
  # A plugin of several sources parses the standard headers, nlohmann/json and the SDK once (a
  # precompiled header) instead of in every source; for one or two sources that costs more than
  # it saves.
  list(LENGTH P_SOURCES source_count)
  if(source_count GREATER_EQUAL 3)
    target_precompile_headers(${target} PRIVATE
      <string> <string_view> <vector> <map> <optional> <algorithm> <nlohmann/json.hpp> <lobsync/plugin_sdk.hpp>)
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "lobsync-${name}"
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(NOT P_NO_INSTALL)
    add_dependencies(lobsync_plugins ${target})
    install(TARGETS ${target} LIBRARY DESTINATION ${LOBSYNC_PLUGIN_INSTALL_DIR})
  endif()
  set(LOBSYNC_LAST_PLUGIN_TARGET ${target} PARENT_SCOPE)
endfunction()
