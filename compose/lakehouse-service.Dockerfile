# The image of every lakehouse service that runs on a JVM or as a native program (Kafka, Kafka Connect, HDFS, the
# Hive Metastore, Spark, Flink, Trino, the Cassandra stand-in, MariaDB): one Dockerfile, parameterised by the service
# model. The CLI passes the arguments ('lakehouse images', or 'lakehouse up --runtime docker' when an image is
# missing), and the generated compose file names the same ones (runtime/docker/ServiceImage.java):
#   BASE      the Debian base: bookworm-slim, or trixie-slim for a JVM newer than bookworm's 17 (Trino)
#   JRE       the Debian JRE package that runs the service and the CLI's prepare and probe
#   PACKAGES  further Debian packages the service's own binaries link (MariaDB), or nothing
#   DIST      the assembled service folder, services/<DIST>/target/dist (as the local runtime runs it)
#   VERSION, TITLE, DESCRIPTION  the image's labels
# The build context holds only what this file copies (ImageContext); no registry is needed beyond the base image,
# which the CLI makes with debootstrap where it cannot be pulled. Config templates are not baked in: compose mounts
# compose/<folder> read-only and the entrypoint renders them ('lakehouse container prepare').
ARG BASE=debian:bookworm-slim
FROM ${BASE}

# The layers every image over the same base shares, built once: the JRE and the service user. The man1 directory
# works around openjdk's postinst on slim images, which leave out man pages.
ARG JRE=openjdk-17-jre-headless
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${JRE} \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
RUN useradd --uid 1000 --user-group --no-create-home --home-dir /var/lib/lakehouse --shell /usr/sbin/nologin lakehouse \
 && install -d -o lakehouse -g lakehouse -m 0750 /var/lib/lakehouse /etc/lakehouse

ARG PACKAGES=""
RUN if [ -n "${PACKAGES}" ]; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES} \
      && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin; \
    fi

# The service folder changes rarely, the CLI often: copy the CLI last so a CLI rebuild reuses the layer above.
ARG DIST
COPY services/${DIST}/target/dist /opt/lakehouse/services/${DIST}
COPY bootstrap-cli/target/lakehouse-all.jar /opt/lakehouse/lakehouse.jar
COPY bootstrap-cli/cli-jvm.options /opt/lakehouse/cli-jvm.options
COPY compose/lakehouse-entrypoint.sh /opt/lakehouse/entrypoint.sh
COPY compose/lakehouse-health.sh /opt/lakehouse/health.sh
RUN chmod 0755 /opt/lakehouse/entrypoint.sh /opt/lakehouse/health.sh

ARG VERSION
ARG TITLE
ARG DESCRIPTION
LABEL org.opencontainers.image.title="${TITLE}" \
      org.opencontainers.image.description="${DESCRIPTION}" \
      org.opencontainers.image.version="${VERSION}"

# The CLI's project home inside the image: compose/<folder> (mounted) and services/<DIST> (copied above). The
# service to run is the compose service's command (lakehouse-entrypoint.sh SERVICE).
ENV LAKEHOUSE_HOME=/opt/lakehouse
USER lakehouse
WORKDIR /var/lib/lakehouse
ENTRYPOINT ["/opt/lakehouse/entrypoint.sh"]
