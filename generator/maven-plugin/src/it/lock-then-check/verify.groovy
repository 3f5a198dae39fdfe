// IT: the goal lock wrote the baseline; the check of the next build found nothing to report.
def lock = new File(basedir, 'src/main/abi/abi.lock')
assert lock.isFile()
def snapshot = new groovy.json.JsonSlurper().parse(lock)
assert snapshot.abic_lock == 1
assert snapshot.files[0].structs[0].fields*.name == ['seq', 'kind', 'reserved0', 'length', 'crc']
def log = new File(basedir, 'build.log').text
assert log.contains('abic: src/main/abi/abi.lock written')
assert log.contains('abic check: no changes from ')
true
