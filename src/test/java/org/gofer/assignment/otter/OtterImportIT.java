package org.gofer.assignment.otter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gofer.testsupport.Corpus;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * otter-grader's own example assignment, packed as {@code otter assign} packs an autograder.zip
 * (tests/, files/, otter_config.json, environment.yml, scaffolding), imported with
 * {@code gofer assignment import} and graded with {@code gofer grade --json} (the jar, a real
 * container): its solution notebook must get otter's 41/41. The corpus lives outside the
 * repository ({@code GOFER_CORPUS_DIR}, default {@code ../shared/corpus}); skipped without it.
 */
@EnabledIfDocker
class OtterImportIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path example;

    @BeforeAll
    static void findCorpus() {
        Optional<Path> found =
                Corpus.dir().map(c -> c.resolve("otter-assign-example")).filter(Files::isDirectory);
        Assumptions.assumeTrue(
                found.isPresent(),
                "skipped: the upstream corpus (GOFER_CORPUS_DIR, default ../shared/corpus) is not on this machine");
        example = found.get();
    }

    @Test
    void importedOtterExampleGradesItsSolutionToFullMarks() throws Exception {
        Path zip = autograderZip();
        Path tests = work.resolve("notebooks-tests");

        Result imported = gofer(tests, "assignment", "import", zip.toString(), "--as", "otter/example/hw01");

        assertThat(imported.exit())
                .as("import: %s%s", imported.out(), imported.err())
                .isZero();
        assertThat(imported.out())
                .contains("tests (4)")
                .contains("data.csv")
                .contains("student_file.py")
                .contains("dropped requirement otter-grader")
                .contains("honoured seed:");
        JsonNode settings = JSON.readTree(
                tests.resolve("otter/example/hw01/assignment.json").toFile());
        assertThat(settings.path("scoring").asText()).isEqualTo("otter");
        assertThat(settings.path("title").asText()).isEqualTo("hw01");

        Result graded = gofer(
                tests,
                "grade",
                example.resolve("autograder/example.ipynb").toString(),
                "--assignment",
                "otter/example/hw01",
                "--json");

        assertThat(graded.exit()).as("grade: %s", graded.err()).isZero();
        JsonNode result = JSON.readTree(graded.out());
        assertThat(result.path("status").asText()).as(graded.out()).isEqualTo("graded");
        List<String> questions = new ArrayList<>();
        result.path("tests")
                .forEach(t -> questions.add(t.path("name").asText() + " "
                        + t.path("score").asDouble() + "/" + t.path("max_score").asDouble()));
        assertThat(questions)
                .as(graded.out())
                .containsExactly("q1 16.0/16.0", "q3 12.0/12.0", "q8 12.0/12.0", "q9 1.0/1.0");
        assertThat(result.path("score").asDouble()).isEqualTo(41.0);
        assertThat(result.path("max_score").asDouble()).isEqualTo(41.0);
    }

    /**
     * otter_config.json's seed and seed_variable travel through assignment.json and the job line
     * to the harness: the variable holds the seed in every cell, even after the notebook changed it.
     */
    @Test
    void seedVariableFromOtterConfigReachesTheNotebook() throws Exception {
        Path zip = Zips.create()
                .file(
                        "tests/q1.py",
                        "OK_FORMAT = True\n\ntest = {'name': 'q1', 'points': 1, 'suites': [{'cases': "
                                + "[{'code': '>>> x\\n42', 'hidden': False, 'locked': False}], 'scored': True, 'setup': '', "
                                + "'teardown': '', 'type': 'doctest'}]}\n")
                .file("otter_config.json", "{\"seed\": 42, \"seed_variable\": \"rng_seed\", \"lang\": \"python\"}")
                .write(work, "seeded-autograder.zip");
        Path tests = work.resolve("notebooks-tests");
        Path notebook = work.resolve("seeded.ipynb");
        Files.writeString(notebook, """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": "rng_seed = 0"},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": "x = rng_seed"}]}""");

        Result imported = gofer(tests, "assignment", "import", zip.toString(), "--as", "otter/example/seeded");
        assertThat(imported.exit())
                .as("import: %s%s", imported.out(), imported.err())
                .isZero();
        Result graded = gofer(tests, "grade", notebook.toString(), "--assignment", "otter/example/seeded", "--json");

        assertThat(graded.exit()).as("grade: %s", graded.err()).isZero();
        JsonNode result = JSON.readTree(graded.out());
        assertThat(result.path("score").asDouble()).as(graded.out()).isEqualTo(1.0);
        assertThat(result.path("max_score").asDouble()).isEqualTo(1.0);
    }

    /**
     * The entries otter assign 7 writes (see docs/otter-import.md). The scaffolding scripts are
     * stand-ins: Gofer must skip them whatever they say. student_file.py is among the support
     * files because the corpus's solution directory has it beside the notebook.
     */
    private static Path autograderZip() throws IOException {
        Zips zip = Zips.create()
                .file("run_autograder", "#!/bin/bash\npython /autograder/source/run_otter.py\n")
                .file("run_otter.py", "from otter.run.run_autograder import main\n")
                .file("setup.sh", "#!/usr/bin/env bash\nmamba env create -f /autograder/source/environment.yml\n");
        try (Stream<Path> s = Files.list(example.resolve("tests"))) {
            for (Path t : s.sorted().toList()) {
                zip.file("tests/" + t.getFileName(), Files.readAllBytes(t));
            }
        }
        zip.file("environment.yml", Files.readAllBytes(example.resolve("autograder-zip-environment.yml")))
                .file("otter_config.json", Files.readAllBytes(example.resolve("autograder-zip-otter_config.json")))
                .file("files/data.csv", Files.readAllBytes(example.resolve("autograder/data.csv")))
                .file("files/student_file.py", Files.readAllBytes(example.resolve("autograder/student_file.py")));
        return zip.write(work, "hw01-autograder.zip");
    }

    private record Result(int exit, String out, String err) {}

    private static Result gofer(Path tests, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/gofer.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("GOFER_TESTS_DIR", tests.toString());
        Path err = Files.createTempFile(work, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES))
                .as("gofer %s finished", args[0])
                .isTrue();
        return new Result(p.exitValue(), out, Files.readString(err));
    }
}
