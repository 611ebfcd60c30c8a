package io.lakehouse.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.lakehouse.runtime.LogSource;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A container's log through docker-java: its last lines, or followed until interrupted. */
final class ContainerLogs implements LogSource {
    private final DockerClient client;
    private final String containerId;

    ContainerLogs(DockerClient client, String containerId) {
        this.client = client;
        this.containerId = containerId;
    }

    @Override
    public String location() {
        return "docker logs " + containerId.substring(0, Math.min(12, containerId.length()));
    }

    @Override
    public List<String> tail(int lines) {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            new String(frame.getPayload(), StandardCharsets.UTF_8).lines().forEach(out::add);
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.add("(cannot read the container log: " + e.getMessage() + ")");
        }
        return List.copyOf(out);
    }

    void print(int lines, boolean follow, PrintWriter target) throws InterruptedException {
        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines).withFollowStream(follow)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        target.print(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        target.flush();
                    }
                }).awaitCompletion();
    }
}
