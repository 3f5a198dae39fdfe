package dev.abic.compiler.verify;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The compiler output formats {@link HeaderVerifier} reads, on captured samples. */
class CompilerMessagesTest {
    @Test
    void gccErrorsWithTheirIncludeChainSourceLinesAndNotes() {
        String out = """
                In file included from /usr/include/c++/12/cstddef:50,
                                 from /tmp/v/verify_header.cpp:7:
                /tmp/v/verify_header.cpp:40:54: error: ‘struct Config’ has no member named ‘flags’
                   40 | static_assert(offsetof(Config, flags) == 12, "abic#27: Config.flags: offset must be 12 (x.abi:51)");
                      |                                ^~~~~
                /tmp/v/verify_header.cpp:44:46: error: static assertion failed: abic#29: Header: size must be 64 (x.abi:56)
                /tmp/v/verify_header.cpp:44:46: note: the comparison reduces to ‘(72 == 64)’
                """;
        List<CompilerMessages.Message> m = CompilerMessages.parse(out);
        assertThat(m).hasSize(3);
        assertThat(m.get(0).file()).isEqualTo("/tmp/v/verify_header.cpp");
        assertThat(m.get(0).line()).isEqualTo(40);
        assertThat(m.get(0).severity()).isEqualTo(CompilerMessages.Severity.ERROR);
        assertThat(m.get(0).text()).isEqualTo("'struct Config' has no member named 'flags'");
        assertThat(m.get(0).block()).startsWith("In file included from /usr/include/c++/12/cstddef:50,\n");
        assertThat(m.get(0).block()).endsWith("|                                ^~~~~\n");
        assertThat(m.get(1).comparedValue()).isEqualTo(OptionalLong.empty());
        assertThat(m.get(2).severity()).isEqualTo(CompilerMessages.Severity.NOTE);
        assertThat(m.get(2).comparedValue()).isEqualTo(OptionalLong.of(72));
    }

    @Test
    void clangNotesCarryTheValueToo() {
        List<CompilerMessages.Message> m = CompilerMessages.parse("""
                v.cpp:12:15: error: static assertion failed due to requirement 'sizeof(Info) == 64': abic#1: Info: size must be 64 (x.abi:3)
                v.cpp:12:28: note: expression evaluates to '72 == 64'
                1 error generated.
                """);
        assertThat(m).hasSize(2);
        assertThat(m.get(1).comparedValue()).isEqualTo(OptionalLong.of(72));
        assertThat(m.get(1).block()).endsWith("1 error generated.\n");
    }

    @Test
    void nvccAndMsvcFormats() {
        List<CompilerMessages.Message> m = CompilerMessages.parse("""
                /tmp/v/t.cpp(4): error: static assertion failed with "abic#2: Info: alignment must be 4"
                  static_assert(alignof(::Info) == 4, "abic#2: Info: alignment must be 4");
                  ^

                /tmp/v/t.cpp(7): error: class "Info" has no member "d"
                t.cpp(9): error #2784-D: something numbered
                C:\\src\\v.cpp(12,5): error C2338: static_assert failed: 'abic#3: Info.b: offset must be 8'
                6 errors detected in the compilation of "t.cpp".
                nvcc fatal   : Unknown option '-fsyntax-only'
                """);
        assertThat(m.stream().map(CompilerMessages.Message::line).toList()).containsExactly(4, 7, 9, 12).inOrder();
        assertThat(m.get(0).text()).isEqualTo("static assertion failed with \"abic#2: Info: alignment must be 4\"");
        assertThat(m.get(1).text()).isEqualTo("class \"Info\" has no member \"d\"");
        assertThat(m.get(2).text()).isEqualTo("something numbered");
        assertThat(m.get(3).file()).isEqualTo("C:\\src\\v.cpp");
        assertThat(m.get(3).text()).startsWith("static_assert failed");
        assertThat(m.get(0).comparedValue()).isEqualTo(OptionalLong.empty());
    }
}
