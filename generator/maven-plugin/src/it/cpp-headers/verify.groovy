// IT 4: the C++ headers are written and compile: a tiny translation unit that includes the umbrella
// header and uses the struct is checked by g++ (required: every machine of this project has it).
def include = new File(basedir, 'target/include')
['demo/x.h', 'demo_abi.h', 'abic/support.h'].each {
    assert new File(include, it).isFile() : "no ${it} in ${include}"
}
assert new File(include, 'demo_abi.h').text.contains('#include "demo/x.h"')

def tu = new File(basedir, 'target/check.cpp')
tu.text = '''#include "demo_abi.h"
static_assert(sizeof(demo::x::Message) == 32, "size of Message");
static_assert(demo::x::MAILBOX_CAPACITY == 8u, "MAILBOX_CAPACITY");
'''
def gxx = ['g++', '-std=c++17', '-fsyntax-only', '-Wall', '-Wextra', '-Werror', "-I${include}", tu.path]
def process
try {
    process = gxx.execute()
} catch (IOException e) {
    throw new AssertionError("g++ is required by this test and is not on the PATH: ${e.message}")
}
def output = new StringBuilder()
process.waitForProcessOutput(output, output)
assert process.exitValue() == 0 : "g++ failed:\n${output}"
true
