package nz.raceday.ingest.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import nz.raceday.ingest.shared.Failures;

/**
 * Reads the import graph of {@code src/main} (imports and fully qualified names in code) and fails on any
 * cycle between packages: each package may depend on others only one way, so a layer can be read, tested and
 * replaced without the ones above it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PackageCyclesTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A reference to one of our classes: {@code nz.raceday.ingest.store.Write} or {@code ....Write.Upsert}. */
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("^\\s*//.*$", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(nz\\.raceday(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");

    @Test
    void srcMainHasNoPackageCycle() {
        Map<String, Set<String>> graph = importGraph(MAIN);
        assertThat(graph).as("packages read").containsKeys("nz.raceday.ingest", "nz.raceday.ingest.store");
        assertThat(cycles(graph)).as("package cycles in src/main (each list is one strongly connected group)")
                .isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        graph.put("e", Set.of("d"));
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void referencesAreReadFromImportsAndQualifiedNames() {
        String source = """
                package nz.raceday.ingest.daily;

                import java.util.List;
                import nz.raceday.ingest.store.Write;
                import static nz.raceday.ingest.shared.Failures.describe;

                /** Like {@link nz.raceday.ingest.polling.RacePolling}, which is not a dependency. */
                class X { nz.raceday.ingest.tab.model.Meeting m; Write.Upsert u; }
                // nor is nz.raceday.ingest.ops.Readiness
                """;
        assertThat(references(source)).containsExactlyInAnyOrder("nz.raceday.ingest.store",
                "nz.raceday.ingest.shared", "nz.raceday.ingest.tab.model");
    }

    static Map<String, Set<String>> importGraph(Path root) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                if (!pkg.find()) {
                    continue;
                }
                String from = pkg.group(1);
                Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
                references(source).stream().filter(p -> !p.equals(from)).forEach(to::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    static Set<String> references(String source) {
        // a class named in a comment is documentation, not a dependency
        source = BLOCK_COMMENT.matcher(source).replaceAll(" ");
        source = LINE_COMMENT.matcher(source).replaceAll("");
        Set<String> packages = new TreeSet<>();
        Matcher pkg = PACKAGE.matcher(source);
        String own = pkg.find() ? pkg.group(1) : "";
        Matcher m = REFERENCE.matcher(source);
        while (m.find()) {
            if (!m.group(1).equals(own)) {
                packages.add(m.group(1));
            }
        }
        return packages;
    }

    /** Tarjan's strongly connected components of more than one package, each sorted, in package order. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found, counter);
            }
        }
        found.sort((x, y) -> x.get(0).compareTo(y.get(0)));
        return found;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> found,
            int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, found, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                component.sort(null);
                found.add(component);
            }
        }
    }
}
