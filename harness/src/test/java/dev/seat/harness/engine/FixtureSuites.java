package dev.seat.harness.engine;

import dev.seat.harness.gate.IgnoranceSuite;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The suite classes the engine tests run, compiled when the tests start.
 *
 * <p>Their sources live in test resources ({@code dev/seat/harness/engine/fixtures/*.java} and
 * {@code invalidfixtures/*.java}), not in test sources: compiled test classes are handed to the
 * seat engine by Maven Surefire itself (e.g. {@code -Dtest='dev.seat.harness.engine.**'}), which
 * would run these fixtures against the default checkpoint. Compiled here into a temporary folder,
 * they are visible only to the tests that ask for them, through {@link #call}.
 */
final class FixtureSuites {
    private final Path classes;
    private final URLClassLoader loader;

    private FixtureSuites(Path classes, URLClassLoader loader) {
        this.classes = classes;
        this.loader = loader;
    }

    static FixtureSuites compile(Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("engine tests need a JDK (javax.tools) to compile their fixture suites");
        }
        try {
            Path root = Path.of(FixtureSuites.class.getResource("fixtures/MadeUpQuestions.java").toURI()).getParent().getParent();
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classpath(), "-parameters",
                    "-proc:none", "-nowarn", "-encoding", "UTF-8"));
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
            }
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            int rc = javac.run(null, null, errors, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("fixture suites do not compile (javac exit " + rc + "):\n" + errors);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, FixtureSuites.class.getClassLoader());
            return new FixtureSuites(out, loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class path the fixtures compile against: the test run's, plus harness and AssertJ explicitly. */
    private static String classpath() throws URISyntaxException, MalformedURLException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(IgnoranceSuite.class, org.assertj.core.api.AbstractAssert.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }

    /** The folder of the compiled fixtures (a classpath root of its own). */
    Path classes() {
        return classes;
    }

    /** A fixture class by its name in {@code dev.seat.harness.engine}, e.g. {@code fixtures.KnownFacts}. */
    Class<?> load(String name) {
        try {
            return Class.forName("dev.seat.harness.engine." + name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }

    /** Runs {@code action} with the fixtures' class loader as context class loader (used by discovery). */
    <T> T call(Callable<T> action) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return action.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
