package dev.seat.spark;

import dev.seat.harness.results.ResponseCache;
import java.io.Serializable;
import java.util.List;

/**
 * What a task sends back to the driver: the answers of one {@link AnswerShare}, or why its model
 * could not be loaded (a load failure is a result, not a task failure, so that Spark does not
 * retry it and the job stops at once with the loader's message).
 *
 * @param key the response-cache key of the whole question set
 * @param modelName the model folder's name (its results folder)
 * @param total the number of questions of the whole set
 * @param from index of the first answer in the set
 * @param entries the answers, in question order
 * @param loadError the loader's message, or null
 */
public record AnsweredShare(ResponseCache.Key key, String modelName, int total, int from, List<ResponseCache.Entry> entries,
        String loadError) implements Serializable {

    static AnsweredShare loadFailure(String message) {
        return new AnsweredShare(null, null, 0, 0, List.of(), message);
    }

    boolean failed() {
        return loadError != null;
    }
}
