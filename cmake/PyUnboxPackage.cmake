# cpack -G DEB: a .deb of everything `cmake --install` installs, under /usr,
# depending on the clang and libLLVM of the plugin's major (the plugin runs
# inside that clang; it links no LLVM library itself).
set(CPACK_PACKAGE_NAME pyunbox)
set(CPACK_PACKAGE_VERSION ${PYUNBOX_VERSION})
set(CPACK_PACKAGE_CONTACT "pyunbox maintainers <pyunbox@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "LLVM ${PYUNBOX_PLUGIN_LLVM_MAJOR} plugin mining unboxed cores from CPython C extensions")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Install with DESTDIR and the real prefix, so that what is configured at
# install time (pyunbox.pc) names /usr and not the staging directory.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)  # a .deb carries no debug info
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6, clang-${PYUNBOX_PLUGIN_LLVM_MAJOR}, libllvm${PYUNBOX_PLUGIN_LLVM_MAJOR}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-cffi")
include(CPack)
