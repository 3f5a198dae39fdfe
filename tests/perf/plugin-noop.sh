#!/usr/bin/env bash
# The abic Maven plugin's own cost in a build where nothing changed: `mvn -o -q generate-sources`
# on generated-java with the plugin (output up to date) against the same POM without the plugin.
# Needs the reactor installed first: mvn -o -q install -DskipTests -Dinvoker.skip
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../generated-java"
runs=${RUNS:-15}
python3 - "$runs" <<'PY'
import re, statistics, subprocess, sys, time, pathlib
runs = int(sys.argv[1])
pom = pathlib.Path("pom.xml").read_text()
bare = re.sub(r"\s*<plugin>\s*<groupId>dev\.abic</groupId>\s*<artifactId>abic-maven-plugin</artifactId>.*?</plugin>",
              "", pom, flags=re.S)
assert bare != pom, "the abic plugin is not in generated-java/pom.xml"
# Next to the real POM, so that its parent (../pom.xml) and basedir are the same.
bare_pom = pathlib.Path("pom-without-abic.xml")
bare_pom.write_text(bare)
def run(*args):
    start = time.perf_counter()
    subprocess.run(["mvn", "-o", "-q", *args, "generate-sources"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
try:
    run()  # brings the output up to date
    stamp = lambda: sorted((p, p.stat().st_mtime_ns) for p in pathlib.Path("target/generated-sources/abic").rglob("*"))
    before = stamp()
    with_plugin, without = [], []
    for _ in range(runs):
        with_plugin.append(run())
        without.append(run("-f", str(bare_pom)))
    assert stamp() == before, "a no-op build touched a generated file"
finally:
    bare_pom.unlink()
m1, m2 = statistics.median(with_plugin), statistics.median(without)
print(f"{runs} runs each: with plugin median {m1:.3f} s (min {min(with_plugin):.3f}), "
      f"without median {m2:.3f} s (min {min(without):.3f}); plugin cost {1000 * (m1 - m2):.0f} ms")
PY
