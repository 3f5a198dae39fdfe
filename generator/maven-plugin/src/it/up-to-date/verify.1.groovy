// IT 2, after the first build: record the timestamps of the files abic wrote, for verify.groovy.
def stamps = evaluate(new File(basedir, 'stamps.groovy'))
assert stamps.containsKey('target/maven-status/abic/default.state')
assert stamps.containsKey('target/include/it/ring.h')
assert stamps.containsKey('target/include/it/shared.h')
def saved = new Properties()
saved.putAll(stamps)
new File(basedir, 'stamps-after-build-1.properties').withOutputStream { saved.store(it, null) }

// The import from outside src/main/abi is recorded, so that editing it makes the output stale.
assert new File(basedir, 'target/maven-status/abic/default.state').text.contains('/abi-shared/common.abi')
true
