# syntax=docker/dockerfile:1
#
# One Dockerfile for every Damselfly service: a Maven build stage, then a small JRE image that runs one
# service as a non-root user. SERVICE is the Maven module to package:
#
#   docker build --build-arg SERVICE=manager-service -t damselfly-manager-service:local .
#
# SERVICE is one of manager-service, scheduler-service, seed-peer-service, gateway. docker-compose.yml
# builds all four; .ci/check-docker-layout.sh checks this file against the poms and the compose file.

ARG JDK_IMAGE=eclipse-temurin:17-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17-jre-noble

FROM ${JDK_IMAGE} AS build
ARG SERVICE
# Must equal the root pom's <version>: the jar Maven writes is <module>/target/<module>-<version>.jar.
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /src
# The whole reactor (every module's pom), not just SERVICE: Maven reads all modules even with -pl.
COPY . .
# The wrapper pins Maven as CI does. The cache mount keeps the local repository between builds; it is
# locked because the four service builds would otherwise write the same repository at once.
RUN --mount=type=cache,id=damselfly-m2,target=/root/.m2,sharing=locked \
    set -eu; \
    if [ -z "${SERVICE:-}" ]; then echo "build with --build-arg SERVICE=<maven module>" >&2; exit 1; fi; \
    ./mvnw -B -ntp -DskipTests -pl "${SERVICE}" -am package; \
    mkdir -p /layers; \
    cp "/src/${SERVICE}/target/${SERVICE}-${VERSION}.jar" /layers/app.jar; \
    java -Djarmode=tools -jar /layers/app.jar extract --layers --destination /layers/extracted

FROM ${JRE_IMAGE}
ARG SERVICE
# curl ships with the Temurin Ubuntu images (kept there on purpose: adoptium/containers#255) and is
# what the HEALTHCHECK runs, so the build stops here if a base image update ever drops it.
# The default port per service mirrors server.port in each application.yml (checked by
# .ci/check-docker-layout.sh); SERVER_PORT overrides it at run time, for the service and the probe alike.
RUN set -eu; \
    curl --version > /dev/null; \
    case "${SERVICE:-}" in \
      gateway) port=8080 ;; \
      manager-service) port=8081 ;; \
      scheduler-service) port=8082 ;; \
      seed-peer-service) port=8100 ;; \
      *) echo "unknown SERVICE '${SERVICE:-}'" >&2; exit 1 ;; \
    esac; \
    echo "${port}" > /etc/damselfly-default-port; \
    groupadd --gid 10001 damselfly; \
    useradd --uid 10001 --gid damselfly --create-home --home-dir /home/damselfly \
      --shell /usr/sbin/nologin damselfly; \
    install -d -o damselfly -g damselfly -m 0750 /var/lib/damselfly

WORKDIR /app
# Spring Boot layers, least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /layers/extracted/dependencies/ ./
COPY --from=build /layers/extracted/spring-boot-loader/ ./
COPY --from=build /layers/extracted/snapshot-dependencies/ ./
COPY --from=build /layers/extracted/application/ ./

# Peer daemons keep their piece cache here (a named volume in docker-compose.yml; a new volume takes
# this directory's owner, so the non-root user can write it). Other services ignore the setting.
ENV DAMSELFLY_STORAGE_DIR=/var/lib/damselfly/cache
USER 10001:10001

# Readiness, not liveness: a peer whose disk is full is alive but must not be counted healthy.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-$(cat /etc/damselfly-default-port)}/actuator/health/readiness" || exit 1

ENTRYPOINT ["java", "-jar", "/app/app.jar"]
