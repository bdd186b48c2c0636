#!/usr/bin/env sh
# SAE Explorer launcher written by the Maven build next to sae-explorer.jar and lib/.
# Works from any directory; JAVA_HOME is used when set, otherwise java from PATH. Extra JVM flags: SAE_EXPLORER_OPTS.
# jdk.incubator.vector enables the fast GEMM kernel (the JVM prints one "incubator modules" warning on stderr).
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
exec "$java" --add-modules jdk.incubator.vector ${SAE_EXPLORER_OPTS:-} -jar "$here/sae-explorer.jar" "$@"
