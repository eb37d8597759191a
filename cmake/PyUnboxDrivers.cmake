# pyunbox-cc and pyunbox-c++ (cmake/pyunbox-cc.in), twice: in the build tree,
# loading build/passes/'s plugin, and for the install, loading the installed
# plugin found relative to the script, so a package may move the prefix.
set(_pyunbox_driver_template ${CMAKE_CURRENT_LIST_DIR}/pyunbox-cc.in)
set(PYUNBOX_DRIVER_CLANG ${PYUNBOX_CLANG})
set(PYUNBOX_DRIVER_LLVM_MAJOR ${PYUNBOX_PLUGIN_LLVM_MAJOR})

function(_pyunbox_driver output name mode_args plugin)
  set(PYUNBOX_DRIVER_NAME ${name})
  set(PYUNBOX_DRIVER_MODE_ARGS "${mode_args}")
  set(PYUNBOX_DRIVER_PLUGIN "${plugin}")
  configure_file(${_pyunbox_driver_template} ${output} @ONLY
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                     WORLD_READ WORLD_EXECUTE)
endfunction()

# The build tree's plugin under its installed name too (a symlink), so that
# every plugin path says its LLVM major.
set(_pyunbox_build_plugin_dir ${PROJECT_BINARY_DIR}/${PYUNBOX_LAYOUT_build_plugin_dir})
add_custom_command(OUTPUT ${_pyunbox_build_plugin_dir}/${PYUNBOX_PLUGIN_FILE}
  COMMAND ${CMAKE_COMMAND} -E create_symlink $<TARGET_FILE_NAME:PyUnbox> ${PYUNBOX_PLUGIN_FILE}
  WORKING_DIRECTORY ${_pyunbox_build_plugin_dir}
  DEPENDS PyUnbox
  VERBATIM)
add_custom_target(pyunbox_plugin_link ALL DEPENDS ${_pyunbox_build_plugin_dir}/${PYUNBOX_PLUGIN_FILE})

# One "${prefix%/*}" per level of the bin directory.
set(PYUNBOX_DRIVER_UP "")
file(RELATIVE_PATH _pyunbox_bin_to_prefix /${CMAKE_INSTALL_BINDIR} /)
string(REGEX MATCHALL "\\.\\." _pyunbox_levels "${_pyunbox_bin_to_prefix}")
foreach(level IN LISTS _pyunbox_levels)
  string(APPEND PYUNBOX_DRIVER_UP " && prefix=\${prefix%/*}")
endforeach()

# The driver trusts its configured clang when it is checked once, here; else
# (no clang of this LLVM, say, for an opt-only build) it checks at every compile.
set(PYUNBOX_DRIVER_TRUSTED 0)
if(PYUNBOX_CLANG)
  execute_process(COMMAND ${PYUNBOX_CLANG} --version OUTPUT_VARIABLE _pyunbox_clang_version
                  RESULT_VARIABLE _pyunbox_clang_rc)
  string(REGEX MATCH "clang version ([0-9]+)" _pyunbox_match "${_pyunbox_clang_version}")
  if(_pyunbox_clang_rc EQUAL 0 AND CMAKE_MATCH_1 EQUAL PYUNBOX_PLUGIN_LLVM_MAJOR)
    set(PYUNBOX_DRIVER_TRUSTED 1)
  endif()
endif()
if(NOT PYUNBOX_DRIVER_TRUSTED)
  message(WARNING "pyunbox: no clang ${PYUNBOX_PLUGIN_LLVM_MAJOR} (PYUNBOX_CLANG is ${PYUNBOX_CLANG}): "
                  "pyunbox-cc will refuse to compile until PYUNBOX_CLANG names one")
endif()
set(_pyunbox_install_drivers ${PROJECT_BINARY_DIR}/install-files)
foreach(driver cc cxx)
  set(mode_args "")
  if(driver STREQUAL "cxx")
    set(mode_args "--driver-mode=g++")
  endif()
  set(name ${PYUNBOX_LAYOUT_driver_${driver}})
  _pyunbox_driver(${PROJECT_BINARY_DIR}/${PYUNBOX_LAYOUT_build_driver_dir}/${name} ${name}
                  "${mode_args}" "${_pyunbox_build_plugin_dir}/${PYUNBOX_PLUGIN_FILE}")
  _pyunbox_driver(${_pyunbox_install_drivers}/${name} ${name}
                  "${mode_args}" "\$prefix/${PYUNBOX_LAYOUT_plugin_dir}/${PYUNBOX_PLUGIN_FILE}")
  # Also as pyunbox-cc-<major>: installs of several majors into one prefix
  # each keep a driver of their own (the unnamed one is the last installed).
  install(PROGRAMS ${_pyunbox_install_drivers}/${name} DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(PROGRAMS ${_pyunbox_install_drivers}/${name} DESTINATION ${CMAKE_INSTALL_BINDIR}
          RENAME ${name}-${PYUNBOX_PLUGIN_LLVM_MAJOR})
endforeach()
