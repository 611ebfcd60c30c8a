package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.OnDemandService;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.StandIn;
import io.lakehouse.stack.OnDemandDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.VendorImage;

import java.time.Duration;
import java.util.List;

/**
 * StarRocks: the marts as asynchronous materialized views (definitions in {@code marts/starrocks/}, made by bootstrap
 * over the Iceberg catalog through the metastore). The vendor's all-in-one image (FE and BE), started by the docker
 * runtime when the image is present; without it Trino serves the same marts as Iceberg tables in
 * {@code lakehouse.marts}, as on the local runtime.
 */
@AutoService(OnDemandDescription.class)
public final class StarRocksService implements OnDemandDescription {
    @Override
    public OnDemandService definition(Versions versions) {
        String version = versions.of("starrocks");
        return new OnDemandService("starrocks",
                "StarRocks OLAP marts (materialized views over the Iceberg catalog)",
                new VendorImage("StarRocks", version, "starrocks/allin1-ubuntu", List.of(), "/data/deploy/starrocks",
                        // the image ships the mysql client; healthy once its backend is alive
                        "mysql -uroot -h127.0.0.1 -P9030 -e 'SHOW BACKENDS\\G' | grep -q 'Alive: true'"),
                List.of(new PortSpec("STARROCKS_QUERY_PORT", 9030, "MySQL protocol (queries)", true),
                        new PortSpec("STARROCKS_HTTP_PORT", 8030, "frontend HTTP", true)),
                List.of("hive-metastore", "datanode"),
                "starrocks",
                // FE (a JVM) and BE in one container: the vendor's minimum for a trial
                4096,
                Duration.ofSeconds(120),
                new StandIn("Trino", versions.of("trino"), "StarRocks " + version,
                        "no StarRocks image in any registry reachable here; Trino serves the marts as Iceberg tables"));
    }
}
