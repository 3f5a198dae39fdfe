package dev.abic.compiler.model;

import java.util.List;

/** Every file of a compilation, each after the files it imports. */
public record AbiModel(List<AbiFile> files) {
    public AbiModel {
        files = List.copyOf(files);
    }
}
