package org.gofer.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.junit.jupiter.api.Test;

class NotebookParserTest {
    static final String NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5,
             "metadata": {"gofer": {"course": "c8", "section": "s1", "assignment": "lab01"}},
             "cells": [{"cell_type": "code", "source": ["x = 1\\n", "x"], "metadata": {}, "outputs": []},
                       {"cell_type": "markdown", "source": "# Title", "metadata": {}}]}""";

    private final NotebookParser parser = new NotebookParser(1 << 20, Optional.empty());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsABareNotebookAndKeepsItsBytes() {
        NotebookParser.Parsed p = parser.parse(utf8(NOTEBOOK));

        assertThat(p.key()).isEqualTo(AssignmentKey.of("c8", "s1", "lab01"));
        assertThat(p.notebook()).isEqualTo(utf8(NOTEBOOK));
        assertThat(p.wrapped()).isFalse();
    }

    @Test
    void unwrapsGoferSubmitBodiesToTheExactNotebookBytes() {
        NotebookParser.Parsed p = parser.parse(utf8("{ \"nb\" : " + NOTEBOOK + " , \"extra\": [1, {\"a\": 2}] }"));

        assertThat(new String(p.notebook(), StandardCharsets.UTF_8)).isEqualTo(NOTEBOOK);
        assertThat(p.wrapped()).isTrue();
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> parser.parse(utf8("{\n  \"nbformat\": 4,\n  \"cells\": [,]\n}")))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 3 column");
    }

    @Test
    void trailingGarbageIsNotJson() {
        assertThatThrownBy(() -> parser.parse(utf8(NOTEBOOK + " }")))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void emptyBodySaysWhatToSend() {
        assertThatThrownBy(() -> parser.parse(utf8("  \n")))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aJsonArrayIsNotANotebook() {
        assertThatThrownBy(() -> parser.parse(utf8("[1, 2]")))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("not an object");
    }

    @Test
    void anObjectWithoutCellsIsNotANotebook() {
        assertThatThrownBy(() -> parser.parse(utf8("{\"hello\": \"world\"}")))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("not a Jupyter notebook");
    }

    @Test
    void oldNotebookFormatsAreRefused() {
        assertThatThrownBy(() -> parser.parse(utf8(NOTEBOOK.replace("\"nbformat\": 4", "\"nbformat\": 3"))))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("nbformat 4");
    }

    @Test
    void cellsMustHaveTypeAndSource() {
        assertThatThrownBy(() -> parser.parse(utf8(NOTEBOOK.replace("\"source\": \"# Title\"", "\"source\": 5"))))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("cell 1")
                .hasMessageContaining("source");
        assertThatThrownBy(() -> parser.parse(utf8(NOTEBOOK.replace("\"cell_type\": \"code\",", ""))))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("cell_type");
    }

    @Test
    void missingMetadataSaysWhatToAdd() {
        String nb = NOTEBOOK.replace(
                "{\"gofer\": {\"course\": \"c8\", \"section\": \"s1\", \"assignment\": \"lab01\"}}", "{}");
        assertThatThrownBy(() -> parser.parse(utf8(nb)))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("metadata.gofer");
    }

    @Test
    void pathTricksInMetadataAreRefused() {
        assertThatThrownBy(() -> parser.parse(utf8(NOTEBOOK.replace("\"lab01\"", "\"../../etc\""))))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("assignment");
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> parser.parse(utf8("{\"nbformat\": 4, \"cells\": [], \"x\": " + deep + "}")))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("deeper than 64");
    }

    @Test
    void nbMustBeAnObject() {
        assertThatThrownBy(() -> parser.parse(utf8("{\"nb\": \"{}\"}")))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("\"nb\" must be");
    }

    @Test
    void gofersOldTopLevelKeysWithADefaultCourse() {
        NotebookParser withDefault = new NotebookParser(1 << 20, Optional.of("data8x"));
        String nb = "{\"nbformat\": 4, \"cells\": [], \"metadata\": {\"section\": \"1\", \"lab\": \"lab02\"}}";

        assertThat(withDefault.parse(utf8(nb)).key()).isEqualTo(AssignmentKey.of("data8x", "1", "lab02"));
    }
}
