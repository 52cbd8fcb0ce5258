package org.gofer.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JupyterHub installations the hub tests run against, each with the notebook front ends its
 * single-user servers offer: Debian's JupyterHub 3.0 with the classic Notebook 6 (and the
 * nbextension), and the current stack of {@code src/main/hub/current-stack.sh}, JupyterHub 5 in a
 * venv with JupyterLab 4 and Notebook 7 (and the labextension's wheel installed there).
 */
enum HubStack {
    DEBIAN_3(
            "JupyterHub 3.0 (Debian)",
            Path.of("/usr"),
            Path.of("/usr/bin/configurable-http-proxy"),
            List.of(Frontend.CLASSIC_NOTEBOOK_6)),
    CURRENT_5(
            "JupyterHub 5 (venv)",
            venv(),
            chpPrefix().resolve("node_modules/.bin/configurable-http-proxy"),
            List.of(Frontend.JUPYTERLAB_4, Frontend.NOTEBOOK_7));

    /** A notebook page with a Submit button: where it opens a notebook and what its button is. */
    enum Frontend {
        CLASSIC_NOTEBOOK_6("classic Notebook 6", "notebooks/", "#gofer-submit-button", "submit-button"),
        // JupyterLab restores the user's other tabs (kept on the server): the visible notebook's button.
        JUPYTERLAB_4(
                "JupyterLab 4",
                "lab/tree/",
                ".jp-NotebookPanel:not(.lm-mod-hidden) .gofer-submit-button",
                "jupyterlab4"),
        NOTEBOOK_7(
                "Notebook 7", "notebooks/", ".jp-NotebookPanel:not(.lm-mod-hidden) .gofer-submit-button", "notebook7");

        final String label;
        final String notebookPath;
        final String button;
        final String screenshotPrefix;

        Frontend(String label, String notebookPath, String button, String screenshotPrefix) {
            this.label = label;
            this.notebookPath = notebookPath;
            this.button = button;
            this.screenshotPrefix = screenshotPrefix;
        }

        /**
         * The notebook's page on the user's server. JupyterLab gets a workspace of its own per
         * {@code workspace}: its default one would restore the tabs of an earlier page.
         */
        String notebookUrl(String user, String notebook, String workspace) {
            String path = this == JUPYTERLAB_4 ? "lab/workspaces/" + workspace + "/tree/" : notebookPath;
            return "/user/" + user + "/" + path + notebook;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    final String label;
    final Path prefix;
    final Path proxy;
    final List<Frontend> frontends;

    HubStack(String label, Path prefix, Path proxy, List<Frontend> frontends) {
        this.label = label;
        this.prefix = prefix;
        this.proxy = proxy;
        this.frontends = frontends;
    }

    Path jupyterhub() {
        return prefix.resolve("bin/jupyterhub");
    }

    /** Why this stack cannot run here (a skip message), or empty when it can. */
    Optional<String> unavailable() {
        List<String> missing = new ArrayList<>();
        for (Path exe : List.of(jupyterhub(), prefix.resolve("bin/jupyterhub-singleuser"), proxy)) {
            if (!Files.isExecutable(exe)) {
                missing.add(exe.toString());
            }
        }
        if (this == CURRENT_5 && !Files.isRegularFile(prefix.resolve(".gofer-labextension"))) {
            missing.add("the Submit button's wheel in " + prefix);
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(label + " is not installed (missing " + String.join(", ", missing) + "); "
                + (this == DEBIAN_3
                        ? "apt-get install jupyterhub jupyter-notebook"
                        : "src/main/hub/current-stack.sh install && src/main/hub/current-stack.sh extension"
                                + " (./gofer setup does this)"));
    }

    /** Where a test's screenshots of this stack go: target/screenshots/ for 3.0, its hub5/ folder for 5. */
    Path screenshots() {
        Path all = LocalHub.ROOT.resolve("target/screenshots");
        return this == DEBIAN_3 ? all : all.resolve("hub5");
    }

    /** Skips the calling test (class invocation) with {@link #unavailable()}'s message when this stack is missing. */
    void assumeInstalled() {
        Optional<String> why = unavailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    }

    @Override
    public String toString() {
        return label;
    }

    private static Path venv() {
        return Path.of(System.getenv().getOrDefault("GOFER_HUB5_VENV", "/var/cache/gofer/hub5-venv"));
    }

    private static Path chpPrefix() {
        return Path.of(System.getenv().getOrDefault("GOFER_CHP_PREFIX", "/var/cache/gofer/chp"));
    }
}
