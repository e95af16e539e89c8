# Writes OUT (gzip -9n) from the man page source IN: @PROJECT_VERSION@ and @SB_BUILD_DATE@
# filled in, and a break point (\:) after Chinese punctuation and before opening marks —
# groff 1.22 cannot break a line inside a run of Chinese characters otherwise.
# Called at build time: cmake -DIN=… -DOUT=….gz -DPROJECT_VERSION=… -DSB_BUILD_DATE=… -DGZIP=… -P
file(READ "${IN}" text)
string(CONFIGURE "${text}" text @ONLY)
string(REGEX REPLACE "(，|。|；|：|、|）|”)" "\\1\\\\:" text "${text}")
string(REGEX REPLACE "(（|“)" "\\\\:\\1" text "${text}")
get_filename_component(name "${OUT}" NAME_WLE)
set(plain "${OUT}.tmp/${name}")
file(WRITE "${plain}" "${text}")
execute_process(COMMAND "${GZIP}" -9 -n -c "${plain}" OUTPUT_FILE "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip ${plain} failed: ${rc}")
endif()
