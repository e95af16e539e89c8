# What the Debian package holds and how CPack writes it (scripts/package.sh builds it from a
# Release build; `cmake --build build --target package` works in any build folder).
# Everything installed is relative to the prefix (/usr in the package): the program finds
# its catalogs from its own path (ui::LocaleDir); forms, migrations and demo data are
# compiled in; the report's font is fonts-wqy-microhei, found through fontconfig.
find_program(RSVG_CONVERT rsvg-convert REQUIRED)
find_program(GZIP gzip REQUIRED)

set(SB_PACKAGING_OUT ${CMAKE_BINARY_DIR}/packaging)
set(SB_PACKAGING_SRC ${CMAKE_SOURCE_DIR}/packaging)
# Dates in the man pages and the changelog: the commit's time when scripts/package.sh sets
# SOURCE_DATE_EPOCH, which string(TIMESTAMP) honours.
string(TIMESTAMP SB_BUILD_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP SB_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)

# The icon in the hicolor theme: PNGs rendered from the SVGs at build time. 16 px has its
# own drawing on the pixel grid; the others scale schoolbuild.svg.
set(SB_ICON_SIZES 16 32 48 64 128 256)
set(SB_PACKAGING_FILES)
foreach(size ${SB_ICON_SIZES})
  if(size LESS 32)
    set(svg ${SB_PACKAGING_SRC}/icons/schoolbuild-small.svg)
  else()
    set(svg ${SB_PACKAGING_SRC}/icons/schoolbuild.svg)
  endif()
  set(dir ${SB_PACKAGING_OUT}/icons/hicolor/${size}x${size}/apps)
  add_custom_command(OUTPUT ${dir}/schoolbuild.png
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${RSVG_CONVERT} --width=${size} --height=${size} --output=${dir}/schoolbuild.png ${svg}
    DEPENDS ${svg} COMMENT "Rendering the ${size}x${size} icon" VERBATIM)
  list(APPEND SB_PACKAGING_FILES ${dir}/schoolbuild.png)
endforeach()

# Man pages and the changelog, gzipped as Debian wants them (-9n: no name, no time stamp).
foreach(page schoolbuild.1 schoolbuild-cli.1)
  add_custom_command(OUTPUT ${SB_PACKAGING_OUT}/${page}.gz
    COMMAND ${CMAKE_COMMAND} -DIN=${SB_PACKAGING_SRC}/${page}.in -DOUT=${SB_PACKAGING_OUT}/${page}.gz
            -DPROJECT_VERSION=${PROJECT_VERSION} -DSB_BUILD_DATE=${SB_BUILD_DATE} -DGZIP=${GZIP}
            -P ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS ${SB_PACKAGING_SRC}/${page}.in ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "Writing the man page ${page}" VERBATIM)
  list(APPEND SB_PACKAGING_FILES ${SB_PACKAGING_OUT}/${page}.gz)
endforeach()
# The package's contact: the address the project's commits are signed with.
set(SB_MAINTAINER "SchoolBuild maintainers <maintainers@users.noreply.h-seed-0b4a7183.example>")
configure_file(${SB_PACKAGING_SRC}/changelog.in ${SB_PACKAGING_OUT}/changelog @ONLY)
configure_file(${SB_PACKAGING_SRC}/copyright.in ${SB_PACKAGING_OUT}/copyright @ONLY)
add_custom_command(OUTPUT ${SB_PACKAGING_OUT}/changelog.gz
  COMMAND ${GZIP} -9 -n -f -k ${SB_PACKAGING_OUT}/changelog
  DEPENDS ${SB_PACKAGING_OUT}/changelog COMMENT "Compressing the changelog" VERBATIM)
list(APPEND SB_PACKAGING_FILES ${SB_PACKAGING_OUT}/changelog.gz)
add_custom_target(sb_packaging_files ALL DEPENDS ${SB_PACKAGING_FILES})

# Install rules. The users' databases (~/.local/share/schoolbuild) are theirs: nothing
# here, and no maintainer script, touches them, so removing the package leaves them.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(SB_DOC_DIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/schoolbuild)
install(TARGETS schoolbuild schoolbuild-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_BINARY_DIR}/locale/ DESTINATION ${CMAKE_INSTALL_LOCALEDIR})
install(FILES ${SB_PACKAGING_SRC}/schoolbuild.desktop DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
install(DIRECTORY ${SB_PACKAGING_OUT}/icons/ DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons)
# The SVG opens with its <svg> tag (comments after it): shared-mime-info looks for "<svg"
# in the first 256 bytes, and GTK will not load the icon as SVG otherwise.
install(FILES ${SB_PACKAGING_SRC}/icons/schoolbuild.svg
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps)
install(FILES ${SB_PACKAGING_OUT}/schoolbuild.1.gz ${SB_PACKAGING_OUT}/schoolbuild-cli.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${SB_PACKAGING_OUT}/copyright ${SB_PACKAGING_SRC}/guide.html
              ${SB_PACKAGING_OUT}/changelog.gz
        DESTINATION ${SB_DOC_DIR})
install(FILES ${SB_PACKAGING_SRC}/schoolbuild.doc-base DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc-base
        RENAME schoolbuild-guide)

# The Debian package: dist/schoolbuild_VERSION_amd64.deb (scripts/package.sh copies it there).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME schoolbuild)
set(CPACK_PACKAGE_VENDOR SchoolBuild)
set(CPACK_PACKAGE_CONTACT "${SB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "school building projects and their funds, for county education bureaus")
set(CPACK_PACKAGE_DESCRIPTION
"校建通 (SchoolBuild) tracks every school building project of a county education
bureau (县教育局): funding sources and what each may pay for, pre-construction
procedures, monthly progress, contracts and payments. It warns about funding
gaps (above all land acquisition that special funds may not pay), payments
beyond budget, contract, progress or a fund's allowed uses, building without a
permit and projects behind schedule, and prints the monthly report.
.
The package holds the window (schoolbuild), the command line (schoolbuild-cli),
the user guide in Chinese and an English translation of the window.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries come from dpkg-shlibdeps; the font is not a library, so it is named.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-wqy-microhei")
# wxWidgets' own texts (buttons of standard dialogs) in Chinese.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "wx3.2-i18n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
