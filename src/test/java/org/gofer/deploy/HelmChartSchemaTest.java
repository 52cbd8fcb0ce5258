package org.gofer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gofer.testsupport.KubernetesSchemaValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every document the real {@code helm template} renders of Gofer's chart, with its default values
 * and with a course's overrides ({@link ChartValues}), is valid against the API server's schema of
 * the oldest and the newest supported Kubernetes ({@link KubernetesSchemaValidator}). Skipped,
 * naming the install script, when Helm or the validator is not installed.
 */
class HelmChartSchemaTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void helmAndTheValidatorAreInstalled() {
        HelmChart.assumeHelmIsInstalled();
        KubernetesSchemaValidator.assumeInstalled();
    }

    @ParameterizedTest
    @EnumSource(ChartValues.class)
    void everyRenderedDocumentIsValidAgainstTheApiSchema(ChartValues values) throws Exception {
        List<Path> manifests = new ArrayList<>();
        for (JsonNode doc : HelmChart.template(values, tmp)) {
            // One file a document, named by what it is, so that a complaint names the object.
            String name = doc.path("kind").asText("no-kind").toLowerCase(Locale.ROOT) + "-"
                    + doc.path("metadata").path("name").asText("no-name") + ".json";
            manifests.add(Files.writeString(tmp.resolve(name), doc.toPrettyString()));
        }

        assertThat(manifests).as("rendered documents").isNotEmpty();
        assertThat(KubernetesSchemaValidator.violations(manifests)).isEmpty();
    }
}
