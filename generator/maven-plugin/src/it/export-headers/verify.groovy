// IT 5: the headers zip is written, attached (install put it into the local repository) and usable
// by CMake: unpacked, moved elsewhere (into a folder with a space), found by find_package through
// CMAKE_PREFIX_PATH, linked as demo-abi::headers into a program that g++ builds and that runs.
// cmake and g++ are required (.ci/run installs them); their absence fails the test.
import java.nio.file.Files
import java.util.zip.ZipFile

def zip = new File(basedir, 'target/demo-abi-1.0-headers.zip')
assert zip.isFile() : "no ${zip}"
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] abic: 1 .abi file(s) -> target/demo-abi-1.0-headers.zip: 3 header(s), '
        + 'CMake package demo-abi 1.0, target demo-abi::headers\n')

// Attached: installed next to the POM with classifier headers, the same bytes. The local repository
// outlives the build, so the log must show this build installed it.
def installed = new File(localRepositoryPath, 'it/abic/demo-abi/1.0/demo-abi-1.0-headers.zip')
assert log.contains("Installing ${zip.path} to ${installed.path}") : 'the zip was not attached: install did not install it'
assert installed.isFile() : "no ${installed}"
assert installed.bytes == zip.bytes

def names = new ZipFile(zip).withCloseable { z -> z.entries().collect { it.name } }
assert names == ['include/', 'include/abi.h', 'include/abic/', 'include/abic/support.h', 'include/demo/',
                 'include/demo/x.h', 'lib/', 'lib/cmake/', 'lib/cmake/demo-abi/',
                 'lib/cmake/demo-abi/demo-abiConfig.cmake', 'lib/cmake/demo-abi/demo-abiConfigVersion.cmake']

// Unpack, then move: the package must find its headers relative to itself.
def work = new File(basedir, 'target/consumer-test')
work.deleteDir()
def unpacked = new File(work, 'unpacked')
new ZipFile(zip).withCloseable { z ->
    z.entries().each { entry ->
        def target = new File(unpacked, entry.name)
        if (entry.directory) {
            target.mkdirs()
        } else {
            target.parentFile.mkdirs()
            target.bytes = z.getInputStream(entry).bytes
        }
    }
}
def prefix = new File(work, 'moved prefix/demo-abi')
prefix.parentFile.mkdirs()
Files.move(unpacked.toPath(), prefix.toPath())

def source = new File(work, 'consumer')
source.mkdirs()
new File(source, 'CMakeLists.txt').text = '''cmake_minimum_required(VERSION 3.13)
project(consumer CXX)
find_package(demo-abi 1.0 CONFIG REQUIRED)
add_executable(app main.cpp)
target_link_libraries(app PRIVATE demo-abi::headers)
target_compile_options(app PRIVATE -Wall -Wextra -Werror)
'''
new File(source, 'main.cpp').text = '''#include "abi.h"
#include <cstdio>

static_assert(sizeof(demo::x::Message) == 32, "size of Message");

int main() {
    demo::x::Message message{};
    demo::x::store_seq_release(&message, 7u);
    std::printf("Message %u bytes, seq %u, MAILBOX_CAPACITY %u\\n", static_cast<unsigned>(sizeof message),
                static_cast<unsigned>(demo::x::load_seq_acquire(&message)),
                static_cast<unsigned>(demo::x::MAILBOX_CAPACITY));
    return demo::x::MAILBOX_CAPACITY == 8u ? 0 : 1;
}
'''

// Runs a command in the work folder; its output, after checking that it succeeded.
def run = { List command, String what ->
    def process
    try {
        process = new ProcessBuilder(command.collect { it.toString() }).directory(work).redirectErrorStream(true).start()
    } catch (IOException e) {
        throw new AssertionError("${command[0]} is required by this test (${what}) and could not be run: ${e.message}")
    }
    def output = new StringBuilder()
    process.waitForProcessOutput(output, output)
    assert process.exitValue() == 0 : "${what} failed (${command.join(' ')}):\n${output}"
    return output.toString()
}

def build = new File(work, 'build')
run(['cmake', '-S', source.path, '-B', build.path, '-DCMAKE_CXX_COMPILER=g++', "-DCMAKE_PREFIX_PATH=${prefix.path}"],
        'configuring the CMake consumer')
run(['cmake', '--build', build.path], 'building the CMake consumer')
def output = run([new File(build, 'app').path], 'running the CMake consumer')
assert output == 'Message 32 bytes, seq 7, MAILBOX_CAPACITY 8\n'
true
