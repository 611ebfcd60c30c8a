package io.lakehouse.it;

import java.util.List;

/** The foundation's services, which the compose smoke tests bring up (the engines join them once proven there). */
final class CoreServices {
    static final List<String> NAMES = List.of("mysql", "kafka", "namenode", "datanode", "hive-metastore");

    private CoreServices() {
    }
}
