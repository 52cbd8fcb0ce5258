package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test images whose command is a fake supervisor from {@code src/test/resources/sandbox/fakes/}, so
 * the service's side of the harness contract can be tested without the real grading image. The
 * Python base ({@code sandbox/python/Dockerfile}, FROM the locally imported {@code gofer/bookworm-base})
 * is built once when missing; fake images are rebuilt every time (cached layers, no network).
 */
final class FakeHarnessImages {
    static final String PYTHON = "gofer-test/python:2";

    private FakeHarnessImages() {}

    /** @return the tag of an image running {@code fakes/<fake>.py} as PID 1 */
    static String build(DockerClient docker, String fake) {
        ensurePython(docker);
        Path fakes = resource("sandbox/fakes");
        String tag = "gofer-test/fake-harness-" + fake + ":1";
        try {
            Path context = Files.createTempDirectory("gofer-fake-" + fake);
            try {
                try (Stream<Path> files = Files.list(fakes)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.copy(file, context.resolve(file.getFileName()));
                    }
                }
                Files.writeString(
                        context.resolve("Dockerfile"),
                        "FROM " + PYTHON + "\n"
                                + "COPY *.py /opt/fake/\n"
                                + "CMD [\"python3\", \"/opt/fake/" + fake + ".py\"]\n");
                buildImage(docker, context, tag);
            } finally {
                try (Stream<Path> files = Files.walk(context)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tag;
    }

    private static synchronized void ensurePython(DockerClient docker) {
        try {
            docker.inspectImageCmd(PYTHON).exec();
        } catch (NotFoundException missing) {
            buildImage(docker, resource("sandbox/python"), PYTHON);
        }
    }

    private static void buildImage(DockerClient docker, Path context, String tag) {
        // Host network: the daemon here has no default bridge, and apt needs Debian's mirror.
        try (BuildImageResultCallback callback = docker.buildImageCmd()
                .withBaseDirectory(context.toFile())
                .withDockerfile(context.resolve("Dockerfile").toFile())
                .withTags(Set.of(tag))
                .withNetworkMode("host")
                .withPull(false)
                .exec(new BuildImageResultCallback())) {
            callback.awaitImageId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(
                    FakeHarnessImages.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
