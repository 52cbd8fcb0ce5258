package org.gofer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gofer.testsupport.BoundedProcess;

/**
 * Gofer's Helm chart ({@code deploy/helm/gofer}) as the real {@code helm} lints and renders it, for
 * the chart's tests: {@code $GOFER_HELM}, by default where {@code deploy/helm/install-helm.sh} puts
 * it. Stateless.
 */
final class HelmChart {
    static final Path HELM = Path.of(System.getenv().getOrDefault("GOFER_HELM", "/var/cache/gofer/helm/bin/helm"));
    static final Path CHART = Path.of("deploy/helm/gofer");
    static final String RELEASE = "gofer";
    static final String RELEASE_NAMESPACE = "gofer-system";

    private HelmChart() {}

    /** Skips the calling test, naming the install script, when Helm is not installed. */
    static void assumeHelmIsInstalled() {
        assumeThat(Files.isExecutable(HELM))
                .as(
                        "Helm is not installed at %s; install it with deploy/helm/install-helm.sh (./gofer setup does)",
                        HELM)
                .isTrue();
    }

    /** {@code helm lint --strict} with these values: what it printed. */
    static String lint(ChartValues values, Path scratch) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("lint", "--strict", CHART.toString()));
        args.addAll(values.helmArgs(scratch));
        return helm(args);
    }

    /**
     * {@code helm template} of the chart into {@value #RELEASE_NAMESPACE} with these values.
     *
     * @return every rendered document that is not empty, in the order Helm wrote them
     */
    static List<JsonNode> template(ChartValues values, Path scratch) throws IOException, InterruptedException {
        List<String> args =
                new ArrayList<>(List.of("template", RELEASE, CHART.toString(), "--namespace", RELEASE_NAMESPACE));
        args.addAll(values.helmArgs(scratch));
        String yaml = helm(args);
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode doc : new YAMLMapper()
                .readerFor(JsonNode.class)
                .<JsonNode>readValues(yaml)
                .readAll()) {
            if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                docs.add(doc);
            }
        }
        return docs;
    }

    /** Runs helm, bounded: its standard output, or a failure that shows what it said. */
    private static String helm(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HELM.toString()));
        command.addAll(args);
        BoundedProcess.Finished helm = BoundedProcess.run(command, Duration.ofSeconds(60));
        assertThat(helm.exitCode())
                .as("helm %s:%n%s%n%s", args, helm.stdout(), helm.stderr())
                .isZero();
        return helm.stdout();
    }
}
