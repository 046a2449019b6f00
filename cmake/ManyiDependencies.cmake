# Finds the third-party libraries Manyi builds on; every one comes from Debian (scripts/deps.sh).
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)  # header-only Boost.Math
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 CONFIG QUIET)
if(NOT CLI11_FOUND)
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE ${CLI11_INCLUDE_DIR})
endif()
# libxlsxwriter ships only a pkg-config file (its version there is the soname, 4).
pkg_check_modules(xlsxwriter REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(libzip REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(pangocairo REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)
pkg_check_modules(freexl REQUIRED IMPORTED_TARGET freexl)
find_package(EXPAT REQUIRED)
# ReadStat (SPSS .sav export) ships no pkg-config or CMake file in Debian 12.
find_path(READSTAT_INCLUDE_DIR readstat.h REQUIRED)
find_library(READSTAT_LIBRARY readstat REQUIRED)
add_library(ReadStat::ReadStat UNKNOWN IMPORTED)
set_target_properties(ReadStat::ReadStat PROPERTIES IMPORTED_LOCATION "${READSTAT_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${READSTAT_INCLUDE_DIR}")

if(MANYI_BUILD_GUI)
  # CMake 3.25's FindwxWidgets makes variables, not a target: wrap them in one.
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base adv propgrid)
  add_library(manyi_wx INTERFACE)
  target_include_directories(manyi_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
  target_compile_definitions(manyi_wx INTERFACE ${wxWidgets_DEFINITIONS})
  target_compile_options(manyi_wx INTERFACE ${wxWidgets_CXX_FLAGS})
  target_link_libraries(manyi_wx INTERFACE ${wxWidgets_LIBRARIES})
  add_library(Manyi::wx ALIAS manyi_wx)
endif()

if(MANYI_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()
