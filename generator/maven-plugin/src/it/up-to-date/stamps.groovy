// The timestamp of every file abic writes in this project (the state file included), by path
// relative to the project, as strings. Evaluated by verify.1.groovy and verify.groovy.
def stamps = new TreeMap<String, String>()
['target/generated-sources/abic', 'target/include', 'target/maven-status/abic']
        .collect { new File(basedir, it) }.findAll { it.isDirectory() }.each { dir ->
    dir.eachFileRecurse(groovy.io.FileType.FILES) { f ->
        stamps[basedir.toPath().relativize(f.toPath()).toString()] = f.lastModified().toString()
    }
}
stamps
