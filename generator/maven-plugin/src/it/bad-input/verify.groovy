// IT 3: the build failed with the diagnostic as the abic command prints it (location, message,
// source line, caret, fix), wrote nothing, and printed no stack trace.
def log = new File(basedir, 'build.log').text
def abi = basedir.toPath().resolve('src/main/abi/bad.abi').toAbsolutePath().normalize()
assert log.contains("[ERROR] ${abi}:6:5: error: 4 bytes of implicit padding before 'total' (offset 4, needs alignment 8)\n"
        + '        total: u64 @ 8;\n'
        + '        ^~~~~\n'
        + '  add before it:  reserved0: reserved u32;\n')
// The failure names the first error, for Maven's summary and for IDEs.
assert log.contains("on project bad-input: ${abi}:6:5: error: 4 bytes of implicit padding before 'total'")
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/) : 'a stack trace was printed'
assert !new File(basedir, 'target/generated-sources/abic').exists()
assert !new File(basedir, 'target/maven-status/abic').exists()
true
