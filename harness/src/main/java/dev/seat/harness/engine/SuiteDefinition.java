package dev.seat.harness.engine;

import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * What the engine reads from a suite class at discovery time: its {@link IgnoranceSuite}
 * annotation, id, display name and {@link Check} methods, and what is wrong with them.
 *
 * @param type the suite class
 * @param annotation its {@link IgnoranceSuite}
 */
record SuiteDefinition(Class<?> type, IgnoranceSuite annotation) {

    /** Whether a class can be run as a suite: annotated, concrete, not an inner or local class. */
    static boolean isSuite(Class<?> c) {
        return AnnotationSupport.isAnnotated(c, IgnoranceSuite.class) && isInstantiable(c);
    }

    /** Concrete, not an interface, anonymous, local or inner class: a class the engine can make an instance of. */
    static boolean isInstantiable(Class<?> c) {
        return !Modifier.isAbstract(c.getModifiers())
                && !c.isInterface()
                && !c.isAnonymousClass()
                && !c.isLocalClass()
                && (c.getEnclosingClass() == null || Modifier.isStatic(c.getModifiers()));
    }

    static Optional<SuiteDefinition> of(Class<?> c) {
        if (!isSuite(c)) {
            return Optional.empty();
        }
        return AnnotationSupport.findAnnotation(c, IgnoranceSuite.class).map(a -> new SuiteDefinition(c, a));
    }

    /** The id used in configuration keys: {@link IgnoranceSuite#id()} or the dataset name. */
    String id() {
        return annotation.id().isEmpty() ? annotation.dataset() : annotation.id();
    }

    /** {@link IgnoranceSuite#name()}, or the class name in words without a Test/Tests suffix. */
    String displayName() {
        return displayName(type, annotation.name());
    }

    /**
     * A suite's display name: {@code explicit} when not empty, else the class name in words
     * without a Test/Tests/Suite suffix ({@code RetainedKnowledgeTest} → "Retained knowledge").
     */
    static String displayName(Class<?> type, String explicit) {
        if (!explicit.isEmpty()) {
            return explicit;
        }
        String simple = type.getSimpleName().replaceFirst("(Tests?|Suite)$", "");
        if (simple.isEmpty()) {
            simple = type.getSimpleName();
        }
        String words = simple.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ");
        return words.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + words.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Methods annotated {@link Check}, valid or not, in JUnit's deterministic method order. */
    List<Method> checkMethods() {
        return checkMethods(type);
    }

    Optional<Method> checkMethod(String name) {
        return checkMethods().stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    /** Display name of a check: {@link Check#value()} or the method name. */
    static String checkDisplayName(Method m) {
        String v = m.getAnnotation(Check.class).value();
        return v.isEmpty() ? m.getName() : v;
    }

    /** Why a {@link Check} method cannot run, one message per problem; empty when it can. */
    static List<String> problems(Method m) {
        List<String> out = signatureProblems(m);
        out.addAll(CheckParameters.problems(m));
        return out;
    }

    /** {@link #checkMethods()} in JUnit's order, for any suite class. */
    static List<Method> checkMethods(Class<?> type) {
        return ReflectionSupport.findMethods(type, m -> AnnotationSupport.isAnnotated(m, Check.class),
                HierarchyTraversalMode.TOP_DOWN);
    }

    /** What is wrong with a {@link Check} method's modifiers and return type, whatever the kind of suite. */
    static List<String> signatureProblems(Method m) {
        List<String> out = new ArrayList<>();
        String where = "@Check method " + m.getDeclaringClass().getName() + "#" + m.getName();
        if (Modifier.isStatic(m.getModifiers())) {
            out.add(where + " must not be static");
        }
        if (Modifier.isPrivate(m.getModifiers())) {
            out.add(where + " must not be private");
        }
        if (m.getReturnType() != void.class) {
            out.add(where + " must return void");
        }
        return out;
    }
}
