# The Debian package that scripts/package.sh wrote to dist/: its contents and control
# fields, then the programs unpacked (dpkg-deb -x) into a scratch root and run from there
# with a scratch HOME and no LD_LIBRARY_PATH, so they can only use the installed paths.
# It fails, never skips: no dpkg-deb, no package, or a package older than the sources.
# Called by ctest (label "package") with -DSOURCE_DIR= -DVERSION= -DWORK= -DDPKG_DEB=
# -DXVFB_RUN= -DPDFFONTS=.
foreach(var SOURCE_DIR VERSION WORK)
  if(NOT ${var})
    message(FATAL_ERROR "package_test.cmake needs -D${var}=")
  endif()
endforeach()
if(NOT DPKG_DEB OR NOT EXISTS "${DPKG_DEB}")
  message(FATAL_ERROR "dpkg-deb is missing: install dpkg (scripts/deps.sh) to test the package")
endif()
file(GLOB debs "${SOURCE_DIR}/dist/schoolbuild_${VERSION}_*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one dist/schoolbuild_${VERSION}_*.deb, found ${count}: "
                      "build the package first with scripts/package.sh")
endif()
set(deb "${debs}")

# A package older than the sources tests old code: refuse it.
file(TIMESTAMP "${deb}" deb_time "%s")
file(GLOB_RECURSE sources "${SOURCE_DIR}/src/*" "${SOURCE_DIR}/db/*" "${SOURCE_DIR}/forms/*"
     "${SOURCE_DIR}/po/*" "${SOURCE_DIR}/packaging/*" "${SOURCE_DIR}/cmake/*")
list(APPEND sources "${SOURCE_DIR}/CMakeLists.txt")
foreach(f ${sources})
  file(TIMESTAMP "${f}" t "%s")
  if(t GREATER deb_time)
    message(FATAL_ERROR "${deb} is older than ${f}: rebuild it with scripts/package.sh")
  endif()
endforeach()
message(STATUS "testing ${deb}")

function(run)
  cmake_parse_arguments(R "" "EXPECT;OUT" "" ${ARGN})
  if(NOT DEFINED R_EXPECT)
    set(R_EXPECT 0)
  endif()
  execute_process(COMMAND ${R_UNPARSED_ARGUMENTS} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${R_EXPECT}")
    list(JOIN R_UNPARSED_ARGUMENTS " " words)
    message(FATAL_ERROR "${words}: exit ${rc}, expected ${R_EXPECT}\nstdout: ${out}\nstderr: ${err}")
  endif()
  if(R_OUT)
    set(${R_OUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

function(expect_in text fragment what)
  string(FIND "${text}" "${fragment}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: '${fragment}' not found in:\n${text}")
  endif()
endfunction()

# Control fields: the version of CMakeLists.txt, computed library dependencies, the font.
run(${DPKG_DEB} -f "${deb}" Package Version Depends OUT control)
expect_in("${control}" "Package: schoolbuild\n" "control")
expect_in("${control}" "Version: ${VERSION}\n" "control")
foreach(dep fonts-wqy-microhei libwxgtk3.2 libsoci-core libsqlite3 libc6)
  expect_in("${control}" "${dep}" "Depends (dpkg-shlibdeps)")
endforeach()

# Contents.
run(${DPKG_DEB} -c "${deb}" OUT listing)
foreach(path usr/bin/schoolbuild usr/bin/schoolbuild-cli
        usr/share/locale/en/LC_MESSAGES/schoolbuild.mo
        usr/share/applications/schoolbuild.desktop
        usr/share/icons/hicolor/16x16/apps/schoolbuild.png
        usr/share/icons/hicolor/32x32/apps/schoolbuild.png
        usr/share/icons/hicolor/48x48/apps/schoolbuild.png
        usr/share/icons/hicolor/64x64/apps/schoolbuild.png
        usr/share/icons/hicolor/128x128/apps/schoolbuild.png
        usr/share/icons/hicolor/256x256/apps/schoolbuild.png
        usr/share/icons/hicolor/scalable/apps/schoolbuild.svg
        usr/share/man/man1/schoolbuild-cli.1.gz usr/share/man/man1/schoolbuild.1.gz
        usr/share/doc/schoolbuild/copyright usr/share/doc/schoolbuild/changelog.gz
        usr/share/doc/schoolbuild/guide.html)
  expect_in("${listing}" " ./${path}\n" "dpkg-deb -c")
endforeach()
# Nothing of the user's: no file under a home folder, no maintainer script that could
# remove databases on uninstall.
string(FIND "${listing}" "/home/" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the package installs under /home:\n${listing}")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
run(${DPKG_DEB} -e "${deb}" "${WORK}/control")
foreach(script preinst postinst prerm postrm)
  if(EXISTS "${WORK}/control/${script}")
    message(FATAL_ERROR "the package has a ${script} script; it is meant to have none")
  endif()
endforeach()

# Unpacked: the binaries name no folder of the source or build tree.
set(root "${WORK}/root")
run(${DPKG_DEB} -x "${deb}" "${root}")
string(REGEX REPLACE "([][.+*?^$()|\\\\])" "\\\\\\1" source_pattern "${SOURCE_DIR}")
foreach(exe schoolbuild schoolbuild-cli)
  file(STRINGS "${root}/usr/bin/${exe}" hits REGEX "${source_pattern}")
  if(hits)
    message(FATAL_ERROR "usr/bin/${exe} names the source tree: ${hits}")
  endif()
endforeach()

# GTK loads the scalable icon only if its content sniffs as SVG ("<svg" in 256 bytes).
file(READ "${root}/usr/share/icons/hicolor/scalable/apps/schoolbuild.svg" svg_head LIMIT 256)
string(FIND "${svg_head}" "<svg" at)
if(at EQUAL -1)
  message(FATAL_ERROR "schoolbuild.svg has no <svg tag in its first 256 bytes: GTK will not load it")
endif()

# Run from the unpacked root only: a scratch HOME, none of our variables, no library path.
set(home "${WORK}/home")
file(MAKE_DIRECTORY "${home}")
set(env ${CMAKE_COMMAND} -E env --unset=SCHOOLBUILD_DB --unset=XDG_DATA_HOME
        --unset=LD_LIBRARY_PATH --unset=SCHOOLBUILD_LANG HOME=${home})
set(cli ${env} ${root}/usr/bin/schoolbuild-cli)

run(${cli} --version OUT out)
if(NOT out STREQUAL "schoolbuild-cli (校建通 SchoolBuild) ${VERSION}\n")
  message(FATAL_ERROR "schoolbuild-cli --version printed: ${out}")
endif()
run(${env} ${root}/usr/bin/schoolbuild --version OUT out)
if(NOT out STREQUAL "schoolbuild (校建通 SchoolBuild) ${VERSION}\n")
  message(FATAL_ERROR "schoolbuild --version printed: ${out}")
endif()

run(${cli} init OUT out)
if(NOT EXISTS "${home}/.local/share/schoolbuild/schoolbuild.db")
  message(FATAL_ERROR "init without --db did not create ~/.local/share/schoolbuild/schoolbuild.db: ${out}")
endif()
run(${cli} init EXPECT 1)
set(demo "${home}/demo.db")
run(${cli} --db ${demo} demo OUT out)
expect_in("${out}" "19 个项目" "demo")
run(${cli} --db ${demo} projects --format csv OUT out)
string(REGEX MATCHALL "\n" newlines "${out}")
list(LENGTH newlines n)
if(NOT n EQUAL 20)
  message(FATAL_ERROR "projects --format csv printed ${n} lines, expected a header and 19 rows")
endif()

# The report's font comes from fontconfig (fonts-wqy-microhei, a Depends).
if(NOT PDFFONTS OR NOT EXISTS "${PDFFONTS}")
  message(FATAL_ERROR "pdffonts is missing: install poppler-utils (scripts/deps.sh)")
endif()
run(${cli} --db ${demo} report --month 2026-10 --format pdf --out ${home}/report.pdf)
run(${PDFFONTS} ${home}/report.pdf OUT fonts)
expect_in("${fonts}" "WenQuanYi" "the report's fonts")

# The window, under a virtual X server: English from the unpacked catalog, then the first
# start with no database at all.
if(NOT XVFB_RUN OR NOT EXISTS "${XVFB_RUN}")
  message(FATAL_ERROR "xvfb-run is missing: install xvfb (scripts/deps.sh)")
endif()
set(gui ${XVFB_RUN} -a ${env} SCHOOLBUILD_LANG=en ${root}/usr/bin/schoolbuild)
run(${gui} --db ${demo} --exit-when-ready OUT out)
expect_in("${out}" "SchoolBuild ready: 19 projects" "schoolbuild --exit-when-ready in English")
# Without the unpacked catalog the window must fall back to Chinese — unless the package
# is also installed on this machine, whose /usr/share/locale would then answer.
if(NOT EXISTS "/usr/share/locale/en/LC_MESSAGES/schoolbuild.mo")
  file(RENAME "${root}/usr/share/locale" "${root}/usr/share/locale.off")
  run(${gui} --db ${demo} --exit-when-ready OUT out)
  expect_in("${out}" "校建通已就绪：19 个项目" "schoolbuild without its catalog")
  file(RENAME "${root}/usr/share/locale.off" "${root}/usr/share/locale")
else()
  message(STATUS "the package is installed here too: the check that the catalog comes "
                 "from the unpacked root was left out")
endif()

file(REMOVE_RECURSE "${home}/.local")
run(${XVFB_RUN} -a ${env} ${root}/usr/bin/schoolbuild --exit-when-ready OUT out)
expect_in("${out}" "首次启动对话框已显示" "first start")
expect_in("${out}" "校建通已就绪：未打开数据库" "first start")
file(GLOB_RECURSE created "${home}/.local/share/*")
if(created)
  message(FATAL_ERROR "the first start created files although nothing was chosen: ${created}")
endif()

file(REMOVE_RECURSE "${WORK}")
message(STATUS "package ${deb}: contents, control and the unpacked programs are fine")
