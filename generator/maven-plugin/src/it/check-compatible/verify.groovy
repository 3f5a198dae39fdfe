// IT: compatible changes are reported, at their level, and the build passes; the headers generated
// in the same build are up to date.
def log = new File(basedir, 'build.log').text
assert log.contains('note[RESERVED_FIELD_USED]: field Message.sender (offset 12, 4 bytes, u32) now uses bytes that were reserved')
assert log.contains('note[ENUM_VALUE_ADDED]: Kind.CLOSE (3) was added')
assert log.contains('abic check: 0 breaking (0 failing), 0 source, 2 compatible, 0 stale generated files -- passed')
assert log.contains('BUILD SUCCESS')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/abic/check.json'))
assert json.exit_status == 4
assert json.findings*.rule == ['RESERVED_FIELD_USED', 'ENUM_VALUE_ADDED'] || json.findings*.rule == ['ENUM_VALUE_ADDED', 'RESERVED_FIELD_USED']
true
