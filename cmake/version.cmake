# Writes OUT: the version string of `quizscan --version`: VERSION (CMake's project()) and, in a
# git checkout, `git describe` of SOURCE_DIR (e.g. "0.1.0 (4e98383-dirty)"). Run on every build;
# the file is rewritten only when the text changes, so only main.cpp recompiles then.
set(text "${VERSION}")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --tags
                  WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE describe ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND describe)
    set(text "${VERSION} (${describe})")
  endif()
endif()
set(content "#define QUIZSCAN_VERSION \"${text}\"\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${content}")
  file(WRITE ${OUT} "${content}")
endif()
