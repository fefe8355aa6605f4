package dev.seat.spark;

import dev.seat.harness.engine.AnswerProvider;
import dev.seat.harness.engine.GatePlan;
import java.io.PrintWriter;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The gate's answers from a Spark job whenever the configuration sets {@code spark.master}: the
 * seat engine finds this provider with {@link java.util.ServiceLoader}, so
 * {@code mvn test -Dcheckpoint=DIR -Dspark.master=URL} (run in this module, where Spark is on the
 * classpath) has the executors answer, as {@link SparkGate} does, and the engine read the answers
 * from the response cache. The JVM's Spark context is used when there is one, else one is started
 * for that master (other {@code spark.*} system properties apply to it, as for any Spark driver).
 */
public final class SparkAnswers implements AnswerProvider {
    /** The configuration parameter (and Spark property) naming the master. */
    static final String MASTER = "spark.master";

    @Override
    public String parameter() {
        return MASTER;
    }

    @Override
    public void answer(GatePlan plan, String master) {
        SparkConf conf = new SparkConf().setAppName("seat gate").setMaster(master);
        conf.setIfMissing("spark.ui.enabled", "false");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        PrintWriter err = new PrintWriter(System.err, true);
        SparkGate.answer(sc, SparkGate.Options.defaults(sc), plan, err);
    }
}
