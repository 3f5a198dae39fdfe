package dev.abic.compiler.drift;

import dev.abic.compiler.diag.SourceSpan;

/**
 * One difference between the baseline and the current ABI.
 *
 * @param subject the qualified name of what changed: {@code simpler.l3l2.DescSlot.opcode}
 * @param file    the {@code .abi} file (relative to its source root) whose ABI version covers the change
 * @param baselineFile the file the changed declaration was in, in the baseline (empty for an addition):
 *                its version there is what the current version is compared with
 * @param span    where to look: the changed declaration in the {@code .abi} file, or, for something
 *                removed, the place it was in (its enclosing declaration, or its entry in the lock file)
 */
public record Finding(Rule rule, String subject, String message, String file, String baselineFile, SourceSpan span) {
    public Category category() {
        return rule.category();
    }
}
