# Configures and builds the fuzz targets in their own clang build tree, then runs each for
# SECONDS over its seed corpus (plus the matching fixtures of the shared folder when present).
# cmake -DSOURCE_DIR=… -DBUILD_DIR=… -DWORK_DIR=… -DSHARED_DIR=… -DCLANG=… -DCLANGXX=… -DSECONDS=20 -P run_fuzz.cmake
set(flags "-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined")
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BUILD_DIR} -G Ninja
          -DCMAKE_C_COMPILER=${CLANG} -DCMAKE_CXX_COMPILER=${CLANGXX} -DCMAKE_BUILD_TYPE=Debug
          "-DCMAKE_C_FLAGS=${flags}" "-DCMAKE_CXX_FLAGS=${flags}"
          -DMANYI_FUZZ=ON -DMANYI_BUILD_GUI=OFF -DMANYI_BUILD_TESTS=OFF -DMANYI_BUILD_BENCH=OFF
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the fuzz build failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target fuzz_expression fuzz_xlsform fuzz_lss fuzz_csv fuzz_xlsx -j 2
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the fuzz targets failed:\n${out}")
endif()

set(seeds_expression ${SOURCE_DIR}/tests/fuzz/corpus/expression)
set(seeds_xlsform ${SOURCE_DIR}/tests/fuzz/corpus/xlsform)
set(seeds_lss ${SOURCE_DIR}/tests/fuzz/corpus/lss)
set(seeds_csv ${SOURCE_DIR}/tests/fuzz/corpus/csv)
set(seeds_xlsx ${SOURCE_DIR}/tests/fuzz/corpus/xlsx)
# The readers of the response import run for half the time: their seeds are small.
math(EXPR half "${SECONDS} / 2")
set(seconds_csv ${half})
set(seconds_xlsx ${half})
if(EXISTS ${SHARED_DIR}/fixtures/xlsform)
  list(APPEND seeds_xlsform ${SHARED_DIR}/fixtures/xlsform)
endif()
if(EXISTS ${SHARED_DIR}/fixtures/limesurvey)
  list(APPEND seeds_lss ${SHARED_DIR}/fixtures/limesurvey)
endif()
foreach(tool qualtrics msforms kobo googleforms)
  if(EXISTS ${SHARED_DIR}/fixtures/${tool})
    list(APPEND seeds_csv ${SHARED_DIR}/fixtures/${tool})
  endif()
endforeach()

# A fixed seed makes the run reproducible: the same inputs on every machine, only fewer of them on a
# slower one. New inputs are looked for by long runs outside the tests (docs/testing.md); any crash
# they find is added to corpus/<target>/ and so is tried on every run from then on.
# With -DFIXED_RUNS=ON (the test) each target also stops after a fixed number of inputs, about half
# of what a 2-core Debian machine runs in its time, so a faster machine tries the same inputs, not
# more; the time limit stays as the bound for a slow one.
if(NOT DEFINED SEED)
  set(SEED 1)
endif()
set(runs_expression 150000)
set(runs_xlsform 12000)
set(runs_lss 50000)
set(runs_csv 500)
set(runs_xlsx 35000)
set(failed "")
foreach(name expression xlsform lss csv xlsx)
  if(NOT DEFINED seconds_${name})
    set(seconds_${name} ${SECONDS})
  endif()
  set(runs "")
  if(FIXED_RUNS)
    set(runs -runs=${runs_${name}})
  endif()
  set(corpus ${WORK_DIR}/${name}/corpus)
  set(artifacts ${WORK_DIR}/${name}/artifacts)
  if(FIXED_RUNS)
    file(REMOVE_RECURSE ${corpus})  # what an earlier run found would change the inputs tried
  endif()
  file(MAKE_DIRECTORY ${corpus} ${artifacts})
  execute_process(
    COMMAND ${BUILD_DIR}/bin/fuzz_${name} -seed=${SEED} ${runs} -max_total_time=${seconds_${name}} -rss_limit_mb=1024 -timeout=10 -max_len=65536
            -print_final_stats=1 -artifact_prefix=${artifacts}/ ${corpus} ${seeds_${name}}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" runs "${out}")
  message(STATUS "fuzz_${name}: exit ${rc}, ${runs}")
  if(NOT rc EQUAL 0)
    string(LENGTH "${out}" len)
    if(len GREATER 6000)
      math(EXPR start "${len} - 6000")
      string(SUBSTRING "${out}" ${start} 6000 out)
    endif()
    message("fuzz_${name} failed (crash input in ${artifacts}):\n${out}")
    list(APPEND failed fuzz_${name})
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "fuzz targets failed: ${failed}")
endif()
