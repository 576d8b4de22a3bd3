#!/bin/sh
# The Ignite 3 Query-path gate (see README.md): build, then run with ITEMS entries (default 1000000).
set -e
cd "$(dirname "$0")"
../../mvnw -B -q -f pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
rm -rf target/cluster
exec java -Xmx1g \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.math=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
  --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.access=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
  -cp "target/classes:$(cat target/cp.txt)" floe.benchmarks.ignitegate.IgniteQueryGate "${ITEMS:-1000000}" target/cluster
