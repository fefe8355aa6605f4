package dev.seat.harness.engine;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link AnswerProvider}s on the classpath, asked by the engine when their parameter is set. */
final class AnswerProviders {
    private AnswerProviders() {}

    /**
     * Has every provider whose parameter is set produce the answers of a run over these suite
     * classes.
     *
     * @throws SeatConfigurationException when the configuration is invalid or a provider failed,
     *     naming the provider's parameter and value
     */
    static void answerAhead(SeatConfiguration config, List<Class<?>> suites) {
        for (AnswerProvider provider : ServiceLoader.load(AnswerProvider.class)) {
            Optional<String> value = config.get(provider.parameter());
            if (value.isEmpty()) {
                continue;
            }
            GatePlan plan = GatePlan.of(config, suites);
            try {
                provider.answer(plan, value.get());
            } catch (RuntimeException e) {
                throw new SeatConfigurationException("Could not produce the answers with " + provider.getClass().getName()
                        + " (configuration parameter '" + provider.parameter() + "' = " + value.get() + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
