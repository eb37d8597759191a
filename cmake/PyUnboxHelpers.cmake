# pyunbox_add_to_target(<target>): compile <target>'s C and C++ sources with
# the pyunbox plugin (-fpass-plugin). The plugin loads only into the clang of
# its own LLVM major and aborts inside any other compiler, so a project
# configured with another compiler stops here with the fix in one line.
function(pyunbox_add_to_target target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "pyunbox_add_to_target: no target '${target}'")
  endif()
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  foreach(lang C CXX)
    if(NOT lang IN_LIST languages)
      continue()
    endif()
    string(REGEX MATCH "^[0-9]+" major "${CMAKE_${lang}_COMPILER_VERSION}")
    if(NOT CMAKE_${lang}_COMPILER_ID STREQUAL "Clang" OR NOT major EQUAL PyUnbox_LLVM_MAJOR)
      message(FATAL_ERROR
        "pyunbox_add_to_target(${target}): the ${lang} compiler is ${CMAKE_${lang}_COMPILER_ID} "
        "${CMAKE_${lang}_COMPILER_VERSION} (${CMAKE_${lang}_COMPILER}), but the plugin "
        "${PyUnbox_PLUGIN} loads only into clang ${PyUnbox_LLVM_MAJOR}: configure a fresh build "
        "with CC=${PyUnbox_CLANG} (CXX=${PyUnbox_CLANGXX})")
    endif()
  endforeach()
  target_compile_options(${target} PRIVATE
    "$<$<COMPILE_LANGUAGE:C,CXX>:-fpass-plugin=${PyUnbox_PLUGIN}>")
endfunction()
