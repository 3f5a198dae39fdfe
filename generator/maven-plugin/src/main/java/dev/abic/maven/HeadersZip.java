package dev.abic.maven;

import dev.abic.compiler.emit.GeneratedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The headers zip of the goal {@code export-headers}: the generated C++ headers under
 * {@code include/}, and a CMake package under {@code lib/cmake/<name>/} whose target
 * {@code <name>::headers} carries them, so that a consumer with {@code CMAKE_PREFIX_PATH} at the
 * unpacked zip finds it with {@code find_package(<name> CONFIG)}. The same input gives the same
 * bytes: entries in name order, each with the same fixed time, independent of the time zone.
 */
final class HeadersZip {
    /**
     * The time of every entry, as MS-DOS time (no time zone) and nothing else: 1980-01-01 00:00,
     * the earliest such time, is what {@link ZipEntry} takes for "before 1980" and would add an
     * extended timestamp in the local time zone to; a month later (as Gradle does) it adds none.
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private static final Pattern CMAKE_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9_.+-]*");
    private static final Pattern NUMERIC_VERSION = Pattern.compile("(\\d+)(\\.\\d+){0,3}");

    private HeadersZip() {}

    /**
     * What is wrong with a CMake package name, or null when it is usable as the name of the
     * package, its files and its target {@code <name>::headers}.
     */
    static String nameProblem(String name) {
        return CMAKE_NAME.matcher(name).matches() ? null
                : "a CMake package name has letters, digits and _ . + - only (and does not start with .), not '"
                        + name + "'";
    }

    /**
     * The version CMake compares for a Maven version: its leading {@code major[.minor[.patch[.tweak]]]}
     * ({@code 1.2.3} for {@code 1.2.3-SNAPSHOT}), or null when it does not start with a number.
     */
    static String cmakeVersion(String mavenVersion) {
        Matcher m = NUMERIC_VERSION.matcher(mavenVersion);
        return m.lookingAt() ? m.group() : null;
    }

    /**
     * The entries of the zip, by name: the directories (names ending in {@code /}) and files of
     * {@code include/} and of the CMake package.
     *
     * @param headers      the C++ emitter's output
     * @param name         the CMake package name (see {@link #nameProblem})
     * @param mavenVersion the project's version (see {@link #cmakeVersion})
     */
    static SortedMap<String, byte[]> entries(List<GeneratedFile> headers, String name, String mavenVersion) {
        SortedMap<String, byte[]> entries = new TreeMap<>();
        for (GeneratedFile header : headers) {
            addFile(entries, "include/" + header.path(), header.content());
        }
        String cmakeDir = "lib/cmake/" + name + "/";
        addFile(entries, cmakeDir + name + "Config.cmake", config(name, mavenVersion));
        addFile(entries, cmakeDir + name + "ConfigVersion.cmake", configVersion(name, mavenVersion));
        return entries;
    }

    /** The zip of the given entries, in name order, each with {@link #ENTRY_TIME}. */
    static byte[] zip(SortedMap<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** A file, with an entry for each of its folders. */
    private static void addFile(SortedMap<String, byte[]> entries, String path, String content) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            entries.put(path.substring(0, slash + 1), new byte[0]);
        }
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code <name>Config.cmake}: the INTERFACE IMPORTED target {@code <name>::headers}, its include
     * folder found from the file's own location (three levels up, then {@code include}), so that the
     * unpacked tree can be moved.
     */
    static String config(String name, String mavenVersion) {
        String target = name + "::headers";
        return """
                # %1$sConfig.cmake: the C++ headers generated by abic from the .abi files of %1$s %2$s,
                # as the INTERFACE target %3$s (include folder, C++17). Written by the goal
                # export-headers of abic-maven-plugin; find_package(%1$s CONFIG) reads it.
                if(CMAKE_VERSION VERSION_LESS 3.8)
                  set(%1$s_FOUND FALSE)
                  set(%1$s_NOT_FOUND_MESSAGE "%1$s needs CMake 3.8 or later (compile feature cxx_std_17)")
                  return()
                endif()

                # lib/cmake/%1$s/ -> the folder the zip was unpacked into, wherever that is now.
                get_filename_component(_abic_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
                if(NOT TARGET %3$s)
                  add_library(%3$s INTERFACE IMPORTED)
                  set_target_properties(%3$s PROPERTIES
                    INTERFACE_INCLUDE_DIRECTORIES "${_abic_prefix}/include"
                    INTERFACE_COMPILE_FEATURES cxx_std_17)
                endif()
                unset(_abic_prefix)
                """.formatted(name, mavenVersion, target);
    }

    /**
     * {@code <name>ConfigVersion.cmake}: the answers of a file written by CMake's
     * {@code write_basic_package_version_file(... COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)}
     * for the version {@link #cmakeVersion} makes of the Maven version. Compatible: a request for the
     * same major version and at most this version, or a range within the same major version that
     * holds this version. Exact: a request for this very version ({@code 1.2.3} for
     * {@code 1.2.3-SNAPSHOT} too).
     */
    static String configVersion(String name, String mavenVersion) {
        String version = cmakeVersion(mavenVersion);
        if (version == null) {
            throw new IllegalArgumentException("not a version CMake can compare: " + mavenVersion);
        }
        BigInteger major = new BigInteger(version.split("\\.", 2)[0]);
        return """
                # %1$sConfigVersion.cmake: %1$s %2$s is version %3$s for find_package, compatible with
                # requests for major version %4$s up to %3$s (SameMajorVersion), for any architecture.
                # Written by the goal export-headers of abic-maven-plugin.
                set(PACKAGE_VERSION "%3$s")
                set(PACKAGE_VERSION_COMPATIBLE FALSE)
                set(PACKAGE_VERSION_EXACT FALSE)
                if(PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION)
                  # older than the version (or the lower end of the range) asked for
                elseif(PACKAGE_FIND_VERSION_RANGE)
                  # both ends of the range in major version %4$s (an excluded upper end at most %5$s)
                  if(PACKAGE_FIND_VERSION_MIN_MAJOR STREQUAL "%4$s"
                      AND ((PACKAGE_FIND_VERSION_RANGE_MAX STREQUAL "INCLUDE"
                            AND PACKAGE_FIND_VERSION_MAX_MAJOR STREQUAL "%4$s"
                            AND PACKAGE_VERSION VERSION_LESS_EQUAL PACKAGE_FIND_VERSION_MAX)
                        OR (PACKAGE_FIND_VERSION_RANGE_MAX STREQUAL "EXCLUDE"
                            AND PACKAGE_FIND_VERSION_MAX VERSION_LESS_EQUAL "%5$s"
                            AND PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION_MAX)))
                    set(PACKAGE_VERSION_COMPATIBLE TRUE)
                  endif()
                else()
                  if(PACKAGE_FIND_VERSION_MAJOR STREQUAL "%4$s")
                    set(PACKAGE_VERSION_COMPATIBLE TRUE)
                  endif()
                  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
                    set(PACKAGE_VERSION_EXACT TRUE)
                  endif()
                endif()
                """.formatted(name, mavenVersion, version, major, major.add(BigInteger.ONE));
    }
}
