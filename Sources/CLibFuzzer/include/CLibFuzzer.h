#ifndef JOINTLY_CLIBFUZZER_H
#define JOINTLY_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that keep their own `main`: parses libFuzzer's flags
/// from `argc`/`argv` and calls `callback` once per input. Defined by the toolchain's
/// `libclang_rt.fuzzer`, which `-sanitize=fuzzer` links; declared here because libFuzzer
/// ships no header. Only a build with `-DFUZZING` calls it, so a normal build links
/// without the runtime.
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
