# callwatch_target_options(<target>): warnings (errors in CI) and sanitizers for our own code.
add_library(callwatch_options INTERFACE)
target_compile_options(callwatch_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align -Wimplicit-fallthrough)
if(CALLWATCH_WERROR)
  target_compile_options(callwatch_options INTERFACE -Werror)
endif()
if(CALLWATCH_SANITIZE)
  target_compile_options(callwatch_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(callwatch_options INTERFACE -fsanitize=address,undefined)
endif()
