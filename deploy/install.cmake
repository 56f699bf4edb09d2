# What a system install puts beside the program, its plugins and translations (those install
# from their own CMakeLists): the example config as /etc/lobsync/lobsync.json and the guides.
# Configure with -DCMAKE_INSTALL_PREFIX=/usr so the compiled-in default plugin folder matches.
# The Debian package (deploy/package.sh, deploy/debian/) adds the systemd unit, the manual page,
# the copyright file and the changelog with debhelper.
install(FILES config/lobsync.example.json DESTINATION /etc/lobsync RENAME lobsync.json)
install(FILES config/lobsync.example.json DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES deploy/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME operations.md)
install(FILES config/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME config-reference.md)

# Each plugin's README (its settings) and the SDK's documents, in the folders they have in the
# source, so that the links between them keep working.
file(GLOB lobsync_plugin_docs RELATIVE ${PROJECT_SOURCE_DIR}/plugins CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/plugins/*/*.md)
foreach(doc IN LISTS lobsync_plugin_docs)
  get_filename_component(dir ${doc} DIRECTORY)
  install(FILES plugins/${doc} DESTINATION ${CMAKE_INSTALL_DOCDIR}/plugins/${dir})
endforeach()
