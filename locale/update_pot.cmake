# Extracts translatable strings into locale/manyi.pot and merges them into each catalogue.
# Keywords: _ and wxTRANSLATE / wxPLURAL (wxWidgets), N_ (deferred core messages), wxGETTEXT_IN_CONTEXT.
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.h)
list(SORT sources)
execute_process(
  COMMAND ${XGETTEXT} --language=C++ --from-code=UTF-8 --no-wrap --sort-by-file --add-comments=TRANSLATORS:
          --keyword=_ --keyword=N_ --keyword=wxTRANSLATE --keyword=wxPLURAL:1,2 --keyword=wxGETTEXT_IN_CONTEXT:1c,2
          --package-name=Manyi --msgid-bugs-address=manyi@example.org
          -o locale/manyi.pot ${sources}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed")
endif()
foreach(lang ${LINGUAS})
  execute_process(COMMAND ${MSGMERGE} --quiet --update --backup=none --no-wrap --sort-by-file
                          ${SOURCE_DIR}/locale/${lang}.po ${SOURCE_DIR}/locale/manyi.pot
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "msgmerge failed for ${lang}")
  endif()
endforeach()
