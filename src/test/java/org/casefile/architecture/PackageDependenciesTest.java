package org.casefile.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages show the architecture only while no two of them import each other: the feature packages sit on the
 * shared layers (problem, http, security, db, web) and on the evidence model (fact), never the other way round.
 * Read from the sources, so a cycle fails the build with the classes that make it.
 */
class PackageDependenciesTest {

    private static final Path ROOT = Path.of("src/main/java/org/casefile");
    /** A class of another package named in full or imported (the root package's too: org.casefile.X). */
    private static final Pattern REFERENCE = Pattern.compile("org\\.casefile\\.(?:([a-z]+)\\.)?([A-Z]\\w*)");

    @Test
    void noTwoPackagesImportEachOther() throws IOException {
        // package -> package it uses -> the uses (Class->Class)
        Map<String, Map<String, Set<String>>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = ROOT.relativize(file);
                String from = relative.getNameCount() == 1 ? "org.casefile" : relative.getName(0).toString();
                String name = file.getFileName().toString().replace(".java", "");
                Matcher m = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    String to = m.group(1) == null ? "org.casefile" : m.group(1);
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>())
                                .add(name + "->" + m.group(2));
                    }
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        uses.forEach((a, used) -> used.forEach((b, why) -> {
            if (a.compareTo(b) < 0 && uses.getOrDefault(b, Map.of()).containsKey(a)) {
                cycles.add(a + " <-> " + b + ": " + why + " / " + uses.get(b).get(a));
            }
        }));
        assertEquals(List.of(), cycles);
    }
}
