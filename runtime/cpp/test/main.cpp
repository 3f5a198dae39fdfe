// Runs the registered C++ tests of the abic runtime. Arguments, if any, are substrings: only tests
// whose name contains one of them run. Exit status 0 when every test that ran passed, else 1.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "test_support.hpp"

int main(int argc, char** argv) {
    int ran = 0;
    int failed = 0;
    for (const abic_test::Test& test : abic_test::tests()) {
        bool selected = argc < 2;
        for (int i = 1; i < argc; ++i) {
            selected = selected || std::strstr(test.name, argv[i]) != nullptr;
        }
        if (!selected) {
            continue;
        }
        ++ran;
        const auto start = std::chrono::steady_clock::now();
        std::string failure;
        try {
            test.run();
        } catch (const abic_test::Failure& f) {
            failure = f.message;
        }
        const long long ms = static_cast<long long>(
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
        if (failure.empty()) {
            std::printf("ok   %s (%lld ms)\n", test.name, ms);
        } else {
            ++failed;
            std::printf("FAIL %s (%lld ms)\n%s\n", test.name, ms, failure.c_str());
        }
        std::fflush(stdout);
    }
    std::printf("%d tests, %d failed\n", ran, failed);
    return failed == 0 && ran > 0 ? 0 : 1;
}
