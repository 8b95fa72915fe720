# Sourced by the benchmark scripts: GATEWAY_JVM holds the JVM options of the gateway's image (the JDK_JAVA_OPTIONS
# line of src/main/docker/Dockerfile.jvm), so what is measured here is what the pod runs.
GATEWAY_JVM=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\([^"]*\)"[[:space:]]*$/\1/p' src/main/docker/Dockerfile.jvm)
[[ -n "$GATEWAY_JVM" ]] || { echo "no JDK_JAVA_OPTIONS line in src/main/docker/Dockerfile.jvm" >&2; exit 1; }
