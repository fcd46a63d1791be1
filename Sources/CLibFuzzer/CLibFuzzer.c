// The declaration in include/CLibFuzzer.h is the whole target; SwiftPM wants one source file.
#include "CLibFuzzer.h"
