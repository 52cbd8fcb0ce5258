package org.gofer.assignment.otter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipRequirementsTest {
    @Test
    void keepsPlainRequirementsWithExtrasVersionsAndMarkers() {
        PipRequirements.Filtered f = PipRequirements.filter(
                List.of(
                        "numpy",
                        "pandas>=2.0,<3",
                        "requests[socks] ~= 2.31",
                        "tomli; python_version < \"3.11\"",
                        "numpy",
                        "",
                        "# comment",
                        "scipy==1.11.4  # pinned"),
                "r");

        assertThat(f.kept())
                .containsExactly(
                        "numpy",
                        "pandas>=2.0,<3",
                        "requests[socks] ~= 2.31",
                        "tomli; python_version < \"3.11\"",
                        "scipy==1.11.4");
        assertThat(f.refused()).isEmpty();
    }

    @Test
    void dropsOtterGraderWhateverItsSpelling() {
        PipRequirements.Filtered f = PipRequirements.filter(
                List.of("otter-grader[grading,plugins]==7.0.0", "Otter_Grader", "otter.grader>=5"), "r");

        assertThat(f.kept()).isEmpty();
        assertThat(f.dropped()).hasSize(3);
    }

    @Test
    void refusesOptionsUrlsAndPaths() {
        PipRequirements.Filtered f = PipRequirements.filter(
                List.of(
                        "--extra-index-url http://127.0.0.1/",
                        "--trusted-host 127.0.0.1",
                        "pkg --hash=sha256:00",
                        "git+https://example.invalid/x",
                        "/abs/pkg.whl",
                        "pkg==${VERSION}",
                        "pkg[a b]"),
                "r");

        assertThat(f.kept()).isEmpty();
        assertThat(f.refused()).hasSize(7);
        assertThat(f.refused().get(0)).contains("pip option");
        assertThat(f.refused().get(3)).contains("URL");
    }
}
