package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.GeneratedValue;
import io.lakehouse.stack.InitStep;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.MySqlReadyProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The application database and the metastore's backing store: MariaDB (MySQL protocol), row-based binlog on for
 * change data capture. Locally it runs the MariaDB server binaries shipped on Maven Central (no root install).
 * Users and databases come from {@code compose/mysql/init.sql}, applied idempotently at every start.
 */
@AutoService(ServiceDescription.class)
public final class MySqlService implements ServiceDescription {
    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("mysql")
                .description("MariaDB (MySQL protocol): application database and metastore store, binlog ROW")
                .version(versions.of("mariadb"))
                .port("MYSQL_PORT", 3306, "SQL")
                .health(new MySqlReadyProbe("MYSQL_PORT", "lakehouse", "MYSQL_PASSWORD"))
                .generates(GeneratedValue.password("MYSQL_ROOT_PASSWORD"))
                .generates(GeneratedValue.password("MYSQL_PASSWORD"))
                .generates(GeneratedValue.password("METASTORE_DB_PASSWORD"))
                // the CDC login (user cdc) that Debezium reads the binlog with, see init.sql
                .generates(GeneratedValue.password("CDC_DB_PASSWORD"))
                .memoryBudgetMb(250)
                .keepsData("the databases (shop, metastore) and the binlog CDC reads")
                // InnoDB flushes on SIGTERM: longer than the default 10 s before SIGKILL
                .stopGracePeriod(Duration.ofSeconds(30))
                // what bin/mariadbd links dynamically besides glibc (readelf -d); TLS is wolfSSL, linked in statically.
                // Most are in the base image already; listed so that stays true
                .imagePackages("libcrypt1", "libsystemd0", "libstdc++6", "libgcc-s1")
                .startTimeout(Duration.ofSeconds(60))
                .local(new LocalLaunch("mysql",
                        List.of(new InitStep("install-db", "create the system tables (mariadb-install-db)",
                                new LaunchCommand.Native("${DIST_DIR}/scripts/mariadb-install-db", List.of(
                                        "--defaults-file=${CONF_DIR}/my.cnf",
                                        "--basedir=${DIST_DIR}",
                                        "--user=${OS_USER}",
                                        "--auth-root-authentication-method=normal",
                                        "--skip-test-db")), Duration.ofSeconds(120))),
                        new LaunchCommand.Native("${DIST_DIR}/bin/mariadbd", List.of(
                                "--defaults-file=${CONF_DIR}/my.cnf",
                                "--basedir=${DIST_DIR}",
                                "--user=${OS_USER}",
                                "--init-file=${CONF_DIR}/init.sql")),
                        Map.of()))
                .build();
    }
}
