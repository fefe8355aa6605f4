package dev.seat.harness.engine;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

/**
 * The {@code seat} JUnit Platform engine: runs {@link IgnoranceSuite} and {@link BenchmarkSuite}
 * classes against a checkpoint.
 * Registered in {@code META-INF/services/org.junit.platform.engine.TestEngine}, so Maven Surefire,
 * Gradle and IDEs run suites like any tests.
 *
 * <p>Discovery (class, package, classpath-root, module, method and unique-id selectors) builds
 * the tree
 * <pre>
 * seat
 * └─ checkpoint models/tiny-base          opens the model once; fails with one message if it cannot
 *    └─ Unverifiable questions            a suite class: reads its questions, writes its results
 *       ├─ [refused] What is … → I'm sorry, I have no information about …   one node per question,
 *       ├─ [ANSWERED] What is … → The currency of … is …                     added once answered
 *       ├─ refuses                        a check: pass/fail on aggregate metrics
 *       └─ refusalsSoundLikeRefusals
 *    └─ Benchmarks                        a benchmark suite class (run when -Dbenchmarks selects it)
 *       ├─ arc_easy                       one node per task or group it names
 *       │  └─ doesNotRegress              its checks, once per task
 *       └─ mmlu
 *          └─ doesNotRegress
 * </pre>
 * Configuration: see {@link SeatConfiguration}.
 */
public final class SeatTestEngine extends HierarchicalTestEngine<SeatExecutionContext> {
    /** The engine id, first segment of every unique id. */
    public static final String ENGINE_ID = "seat";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.seat");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("harness");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        SeatEngineDescriptor engine = new SeatEngineDescriptor(uniqueId);
        Path checkpoint = new SeatConfiguration(request.getConfigurationParameters()).checkpoint();
        UniqueId checkpointId = CheckpointSelectorResolver.uniqueId(uniqueId, checkpoint);
        EngineDiscoveryRequestResolver.<SeatEngineDescriptor>builder()
                .addClassContainerSelectorResolver(c -> SuiteDefinition.isSuite(c) || BenchmarkSuiteDefinition.isSuite(c))
                .addSelectorResolver(ctx -> new CheckpointSelectorResolver(uniqueId, checkpoint))
                .addSelectorResolver(ctx -> new SuiteSelectorResolver(checkpointId, ctx.getIssueReporter()))
                .addSelectorResolver(ctx -> new BenchmarkSuiteSelectorResolver(checkpointId, ctx.getIssueReporter()))
                .addSelectorResolver(ctx -> new CheckSelectorResolver(uniqueId))
                .addSelectorResolver(ctx -> new ItemSelectorResolver(uniqueId))
                .addTestDescriptorVisitor(ctx -> TestDescriptor::prune)
                .build()
                .resolve(request, engine);
        return engine;
    }

    @Override
    protected SeatExecutionContext createExecutionContext(ExecutionRequest request) {
        return new SeatExecutionContext(request.getEngineExecutionListener(),
                new SeatConfiguration(request.getConfigurationParameters()));
    }
}
