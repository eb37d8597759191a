# What `cmake --install` and `cpack -G DEB` install besides the runtime and
# pyunbox-dump (runtime/CMakeLists.txt): the plugin under its LLVM major's
# name, the compiler drivers, the CMake package and pyunbox.pc (README,
# "Install").
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
include(${CMAKE_CURRENT_LIST_DIR}/PyUnboxLayout.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/PyUnboxDrivers.cmake)

# pyunbox-dump --version says which pyunbox it is.
target_compile_definitions(pyunbox-dump PRIVATE PYUNBOX_RELEASE="${PYUNBOX_VERSION}")

# Several majors can sit side by side: each plugin's name carries its own.
install(FILES $<TARGET_FILE:PyUnbox> DESTINATION ${PYUNBOX_LAYOUT_plugin_dir}
        RENAME ${PYUNBOX_PLUGIN_FILE})
# --strip (and cpack, below) strip only install(TARGETS) files by themselves:
# the plugin's debug info is 27 of its 28 MB (RelWithDebInfo).
install(CODE "
  if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug
      \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${PYUNBOX_LAYOUT_plugin_dir}/${PYUNBOX_PLUGIN_FILE}\")
  endif()")

# find_package(PyUnbox): PyUnbox::runtime, PyUnbox::runtime_static,
# PyUnbox::reader, PyUnbox::plugin and pyunbox_add_to_target().
set_target_properties(pyunbox_runtime PROPERTIES EXPORT_NAME runtime)
set_target_properties(pyunbox_runtime_static PROPERTIES EXPORT_NAME runtime_static)
set_target_properties(pyunbox_reader PROPERTIES EXPORT_NAME reader)
set(PYUNBOX_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/PyUnbox)
set(PYUNBOX_PLUGIN_INSTALL_PATH ${PYUNBOX_LAYOUT_plugin_dir}/${PYUNBOX_PLUGIN_FILE})
set(PYUNBOX_CC_INSTALL_PATH ${CMAKE_INSTALL_BINDIR}/${PYUNBOX_LAYOUT_driver_cc})
install(EXPORT PyUnboxTargets NAMESPACE PyUnbox:: DESTINATION ${PYUNBOX_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/PyUnboxConfig.cmake.in
  ${PROJECT_BINARY_DIR}/install-files/PyUnboxConfig.cmake
  INSTALL_DESTINATION ${PYUNBOX_CMAKE_DIR}
  PATH_VARS PYUNBOX_PLUGIN_INSTALL_PATH PYUNBOX_CC_INSTALL_PATH)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/install-files/PyUnboxConfigVersion.cmake
  VERSION ${PYUNBOX_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/install-files/PyUnboxConfig.cmake
              ${PROJECT_BINARY_DIR}/install-files/PyUnboxConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/PyUnboxHelpers.cmake
        DESTINATION ${PYUNBOX_CMAKE_DIR})

# pyunbox.pc names absolute paths, and cpack installs under another prefix
# than the build's: the prefix is filled in when installing, the rest now.
set(PYUNBOX_PC_PREFIX "@PYUNBOX_PC_PREFIX@")
configure_file(${CMAKE_CURRENT_LIST_DIR}/pyunbox.pc.in
               ${PROJECT_BINARY_DIR}/install-files/pyunbox.pc.in @ONLY)
install(CODE "
  set(PYUNBOX_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${PROJECT_BINARY_DIR}/install-files/pyunbox.pc.in\"
                 \"${PROJECT_BINARY_DIR}/install-files/pyunbox.pc\" @ONLY)")
install(FILES ${PROJECT_BINARY_DIR}/install-files/pyunbox.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

include(${CMAKE_CURRENT_LIST_DIR}/PyUnboxPackage.cmake)
