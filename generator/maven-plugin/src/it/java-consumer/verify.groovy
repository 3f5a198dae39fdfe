// IT 1: the Java classes were generated under target/generated-sources/abic, compiled, and the
// JUnit test that uses them ran and passed.
def generated = new File(basedir, 'target/generated-sources/abic/it/demo')
assert new File(generated, 'Slot.java').isFile() : "no Slot.java in ${generated}"

def report = new File(basedir, 'target/surefire-reports/TEST-it.demo.DemoTest.xml')
assert report.isFile() : 'DemoTest did not run'
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 2
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0

def log = new File(basedir, 'build.log').text
assert log =~ /abic: 1 \.abi file\(s\) -> target\/generated-sources\/abic: \d+ written, 0 unchanged/
true
