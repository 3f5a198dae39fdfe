// IT: the build failed on the breaking change; each finding is logged like a compiler error with
// its rule id and position; the failure names the count; the reports were written; no stack trace.
def log = new File(basedir, 'build.log').text
def abi = basedir.toPath().resolve('src/main/abi/mailbox.abi').toAbsolutePath().normalize()
assert log.contains("[ERROR] ${abi}:15:5: error[FIELD_OFFSET_CHANGED]: field Message.crc moved from offset 20 to 16\n"
        + '        crc: u32 @ 16;\n'
        + '        ^~~\n'
        + '  BREAKING: bump the major abi_version of mailbox.abi (now not set) or relax FIELD_OFFSET_CHANGED with a reason')
assert log.contains('error[FIELD_OFFSET_CHANGED]: field Message.length moved from offset 16 to 20')
assert log.contains('on project check-breaking: abic: 2 breaking (2 failing), 0 source, 0 compatible')
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/) : 'a stack trace was printed'
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/abic/check.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].results*.ruleId == ['FIELD_OFFSET_CHANGED', 'FIELD_OFFSET_CHANGED']
assert sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri.endsWith('src/main/abi/mailbox.abi')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/abic/check.json'))
assert json.exit_status == 12
true
