# The facts every installed piece shares, read from the one place that defines
# them (runtime/python/pyunbox/layout.json, which the Python package reads too)
# and from the build: the plugin's LLVM major is the LLVM it was built against.
set(_pyunbox_layout_file ${PROJECT_SOURCE_DIR}/runtime/python/pyunbox/layout.json)
set(_pyunbox_pyproject ${PROJECT_SOURCE_DIR}/runtime/python/pyproject.toml)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${_pyunbox_layout_file} ${_pyunbox_pyproject})

file(READ ${_pyunbox_layout_file} _pyunbox_layout)
foreach(key plugin_name plugin_dir build_plugin_dir driver_cc driver_cxx build_driver_dir)
  string(JSON PYUNBOX_LAYOUT_${key} GET "${_pyunbox_layout}" ${key})
endforeach()

set(PYUNBOX_PLUGIN_LLVM_MAJOR ${LLVM_VERSION_MAJOR})
string(REPLACE "{major}" "${PYUNBOX_PLUGIN_LLVM_MAJOR}" PYUNBOX_PLUGIN_FILE
       "${PYUNBOX_LAYOUT_plugin_name}")

# The version of the Python package is the version of pyunbox.
file(STRINGS ${_pyunbox_pyproject} _pyunbox_version REGEX "^version *= *\"")
string(REGEX REPLACE "^version *= *\"([^\"]*)\".*" "\\1" PYUNBOX_VERSION "${_pyunbox_version}")

# The C++ twin of PYUNBOX_CLANG (CMakeLists.txt), for messages and the CMake package.
find_program(PYUNBOX_CLANGXX clang++ HINTS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH)
