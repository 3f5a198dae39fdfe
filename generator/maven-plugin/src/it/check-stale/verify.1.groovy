// IT, after build 1: edit a generated header by hand, and leave behind one abic no longer produces.
def header = new File(basedir, 'target/include/demo/drift.h')
assert header.isFile()
header.text = header.text.replace('    std::uint32_t crc;', '    std::uint32_t crc;  // edited by hand')
assert header.text.contains('edited by hand')
new File(basedir, 'target/include/demo/old.h').text = '// Generated from old.abi by abic; do not edit.\n#pragma once\n'
new File(basedir, 'target/include/demo/mine.h').text = '// written by hand: not abic\'s, never reported\n'
true
