// IT 2, after the second build: it said the output is up to date and touched no file.
def log = new File(basedir, 'build.log').text
assert log.count('abic: 2 .abi file(s) -> target/generated-sources/abic: ') == 1 : 'the first build did not generate'
assert log.count('[INFO] abic: output is up to date') == 1 : 'the second build was not a no-op'

def saved = new Properties()
new File(basedir, 'stamps-after-build-1.properties').withInputStream { saved.load(it) }
assert evaluate(new File(basedir, 'stamps.groovy')) == new TreeMap(saved) : 'the second build changed files'
true
