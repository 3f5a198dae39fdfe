package dev.abic.compiler.drift;

/** What a difference between two versions of an ABI means for peers built from them. */
public enum Category {
    /** The bytes mean something else: a peer built from the old ABI misreads or corrupts memory. */
    BREAKING,
    /** Generated names change, the bytes do not: code using the generated API must be edited. */
    SOURCE,
    /** Old and new peers still agree on every byte they both use. */
    COMPATIBLE
}
