#!/usr/bin/env bash
# A Spark standalone cluster on this machine (a master and one worker on 127.0.0.1), then
# spark-submit of the seat assembly jar to it with the arguments given, e.g.
#   spark/bench/standalone.sh gate --checkpoint $PWD/models/tiny-base --limit 12 -D results=/tmp/results
# SPARK_HOME: a Spark 4.0.1 distribution; unset, one is laid out under /tmp/seat-spark-home as
# its jars/ folder: spark-core's dependency closure from Maven (offline), Jackson at Spark's 2.18.2.
# Build the jar first: mvn -Passembly -pl spark -am package -DskipTests
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -z "${SPARK_HOME:-}" ]; then
  export SPARK_HOME=/tmp/seat-spark-home
  if [ ! -d "$SPARK_HOME/jars" ]; then
    mkdir -p "$SPARK_HOME/pom" "$SPARK_HOME/jars"
    cat > "$SPARK_HOME/pom/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>spark-home</artifactId><version>1</version>
<dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.13</artifactId><version>4.0.1</version></dependency>
<dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-core</artifactId><version>2.18.2</version></dependency></dependencies>
</project>
POM
    (cd "$SPARK_HOME/pom" && mvn -o -q dependency:copy-dependencies -DoutputDirectory="$SPARK_HOME/jars") || exit 1
  fi
fi
# SPARK_SCALA_VERSION: what a distribution's load-spark-env.sh sets, and the worker needs to launch executors
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.djl.ai}"
cp="$SPARK_HOME/jars/*"
logs=/tmp/seat-standalone; rm -rf "$logs"; mkdir -p "$logs/work"
java -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 17077 --webui-port 18080 \
  > "$logs/master.log" 2>&1 &
master=$!
sleep 8
java -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 6g \
  --webui-port 18081 --work-dir "$logs/work" spark://127.0.0.1:17077 > "$logs/worker.log" 2>&1 &
worker=$!
sleep 8
start=$(date +%s)
java -Xmx3g -cp "$cp" org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:17077 \
  --conf spark.executor.cores=1 --conf spark.task.cpus=1 --conf spark.executor.memory=2g \
  --conf spark.executorEnv.DJL_CACHE_DIR="$DJL_CACHE_DIR" \
  --conf spark.driver.userClassPathFirst=true --conf spark.executor.userClassPathFirst=true \
  "$repo/spark/target/seat-spark-assembly.jar" "$@"
rc=$?
echo "spark-submit: exit code $rc after $(( $(date +%s) - start )) s (executor logs: $logs/work)"
kill "$worker"; sleep 2; kill "$master"
wait "$worker" "$master" 2>/dev/null
exit $rc
