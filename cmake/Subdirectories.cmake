# add_child_directories(): adds every direct subdirectory of the current source directory that
# has a CMakeLists.txt (tests/<module>/, bench/<module>/): a new module's suite touches no
# shared file.
function(add_child_directories)
  file(GLOB children LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
  foreach(child ${children})
    if(IS_DIRECTORY ${child} AND EXISTS ${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()
