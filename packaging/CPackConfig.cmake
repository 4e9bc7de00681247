# A Debian package of berth and berthctl (cpack -G DEB in the build directory).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "berth")
set(CPACK_PACKAGE_VENDOR "The Berth developers")
set(CPACK_PACKAGE_CONTACT "The Berth developers <dev@berth.app>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Opened with dlopen on first use (core/base/LibArchiveOnDemand.cpp), so dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libarchive13t64 (>= 3.4)")
# Qt's own dialog buttons (Save, Cancel) in the user's language.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_STRIP_FILES ON)
include(CPack)
