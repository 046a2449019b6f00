# Helpers shared by the libraries and test suites: warnings and one way to add a test executable.

# Warnings every Manyi target compiles with.
function(manyi_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endfunction()

# manyi_add_test(NAME name LABEL label SOURCES ... LIBS ... [GUI])
# One GoogleTest executable; every test in it is registered with ctest under LABEL.
# GUI tests share one X display, so they must never run in parallel (RESOURCE_LOCK).
function(manyi_add_test)
  cmake_parse_arguments(T "GUI" "NAME;LABEL" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  manyi_target_defaults(${T_NAME})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock)
  if(NOT T_GUI)
    target_link_libraries(${T_NAME} PRIVATE GTest::gtest_main)
  endif()
  # Tests find the source, build and shared folders through these definitions (tests/test_paths.h);
  # an environment variable of the same name overrides each. Only one variable goes into the
  # ENVIRONMENT property: gtest_discover_tests splits list values apart.
  target_compile_definitions(${T_NAME} PRIVATE
    MANYI_TEST_SOURCE_DIR="${CMAKE_SOURCE_DIR}" MANYI_TEST_BINARY_DIR="${CMAKE_BINARY_DIR}"
    MANYI_TEST_SHARED_DIR="${MANYI_SHARED_DIR}")
  target_include_directories(${T_NAME} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  set(props LABELS ${T_LABEL} ENVIRONMENT "MANYI_BINARY_DIR=${CMAKE_BINARY_DIR}")
  if(T_GUI)
    list(APPEND props RESOURCE_LOCK x11display)
  endif()
  gtest_discover_tests(${T_NAME} PROPERTIES ${props} DISCOVERY_TIMEOUT 60)
endfunction()
