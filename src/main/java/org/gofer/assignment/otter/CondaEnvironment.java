package org.gofer.assignment.otter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gofer.Json;

/**
 * The parts of an autograder's environment.yml that matter to Gofer: its {@code pip:} list (which
 * otter 7 fills from the assignment's requirements.txt) and the conda-only dependencies, which
 * Gofer cannot install and only reports. Otter's own template entries (python, pip,
 * jupyter_server) are left out of that report.
 */
public record CondaEnvironment(List<String> pip, List<String> condaOnly) {
    private static final Set<String> OTTER_TEMPLATE = Set.of("pip", "jupyter_server", "python");
    private static final ObjectMapper YAML = Json.over(new YAMLFactory());

    public static CondaEnvironment parse(byte[] yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ImportRefusedException("environment.yml is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImportRefusedException("environment.yml cannot be read: " + e.getMessage());
        }
        List<String> pip = new ArrayList<>();
        List<String> conda = new ArrayList<>();
        JsonNode deps = root == null ? null : root.path("dependencies");
        if (deps == null || deps.isMissingNode() || deps.isNull()) {
            return new CondaEnvironment(pip, conda);
        }
        if (!deps.isArray()) {
            throw new ImportRefusedException("environment.yml: 'dependencies' must be a list");
        }
        for (JsonNode dep : deps) {
            if (dep.isTextual()) {
                String name = dep.asText().split("[=<>!~ ]", 2)[0];
                if (!OTTER_TEMPLATE.contains(name)) {
                    conda.add(dep.asText());
                }
            } else if (dep.isObject() && dep.has("pip") && dep.get("pip").isArray()) {
                dep.get("pip").forEach(p -> pip.add(p.asText()));
            } else {
                throw new ImportRefusedException("environment.yml: cannot read the dependency " + dep);
            }
        }
        return new CondaEnvironment(pip, conda);
    }
}
