package org.gofer.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotebookMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AssignmentKey key(String metadata) {
        return NotebookMetadata.assignmentKey(json(metadata), Optional.empty());
    }

    @Test
    void goferBlock() {
        assertThat(key("{\"gofer\": {\"course\": \"data8x\", \"section\": \"fa24\", \"assignment\": \"lab01\"}}"))
                .isEqualTo(AssignmentKey.of("data8x", "fa24", "lab01"));
    }

    @Test
    void otterServiceBlock() {
        assertThat(key("{\"otter_service\": {\"course\": \"c8\", \"section\": \"1\", \"assignment\": \"hw2\"}}"))
                .isEqualTo(AssignmentKey.of("c8", "1", "hw2"));
    }

    @Test
    void topLevelCourseSectionLabAsGoferServiceWrote() {
        assertThat(key("{\"course\": \"8x\", \"section\": \"1\", \"lab\": \"lab02\", \"kernelspec\": {}}"))
                .isEqualTo(AssignmentKey.of("8x", "1", "lab02"));
    }

    @Test
    void topLevelAssignmentBeatsLab() {
        assertThat(key("{\"course\": \"8x\", \"section\": \"1\", \"assignment\": \"hw\", \"lab\": \"lab02\"}")
                        .name())
                .isEqualTo("hw");
    }

    @Test
    void firstMatchWinsGoferOverOtterOverTopLevel() {
        String all = """
                {"gofer": {"course": "g", "section": "g", "assignment": "g"},
                 "otter_service": {"course": "o", "section": "o", "assignment": "o"},
                 "course": "t", "section": "t", "lab": "t"}""";
        String otterAndTop = """
                {"otter_service": {"course": "o", "section": "o", "assignment": "o"},
                 "course": "t", "section": "t", "lab": "t"}""";

        assertThat(key(all)).isEqualTo(AssignmentKey.of("g", "g", "g"));
        assertThat(key(otterAndTop)).isEqualTo(AssignmentKey.of("o", "o", "o"));
    }

    @Test
    void anIncompleteFirstMatchIsAnErrorNotAFallThrough() {
        assertThatThrownBy(() -> key("""
                {"gofer": {"course": "g", "section": "g"},
                 "course": "t", "section": "t", "lab": "t"}"""))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("metadata.gofer.")
                .hasMessageContaining("missing assignment");
    }

    @Test
    void missingCourseFallsBackToTheDefault() {
        JsonNode md = json("{\"section\": \"1\", \"lab\": \"lab03\"}");

        assertThat(NotebookMetadata.assignmentKey(md, Optional.of("data8x")))
                .isEqualTo(AssignmentKey.of("data8x", "1", "lab03"));
        assertThatThrownBy(() -> NotebookMetadata.assignmentKey(md, Optional.empty()))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("missing course");
    }

    @Test
    void courseInTheNotebookBeatsTheDefault() {
        JsonNode md = json("{\"gofer\": {\"course\": \"mine\", \"section\": \"1\", \"assignment\": \"a\"}}");

        assertThat(NotebookMetadata.assignmentKey(md, Optional.of("data8x")).course())
                .isEqualTo("mine");
    }

    @Test
    void numbersAreAcceptedAsText() {
        assertThat(key("{\"gofer\": {\"course\": \"c\", \"section\": 1, \"assignment\": \"a\"}}")
                        .section())
                .isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"kernelspec\": {}}", "{\"course\": \"only\"}", "[]", "\"text\""})
    void noAssignmentInMetadataSaysHowToFixIt(String metadata) {
        assertThatThrownBy(() -> key(metadata))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("metadata.gofer");
    }

    @Test
    void nullMetadataIsRejected() {
        assertThatThrownBy(() -> NotebookMetadata.assignmentKey(null, Optional.empty()))
                .isInstanceOf(InvalidAssignmentKeyException.class);
    }

    @Test
    void nonTextValueNamesTheField() {
        assertThatThrownBy(() -> key("{\"gofer\": {\"course\": \"c\", \"section\": [\"x\"], \"assignment\": \"a\"}}"))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("metadata.gofer.section");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                "../../etc",
                "/abs",
                "a\\\\b",
                "a\\u0000b",
                "caf\\u00e9",
                "",
                ".git",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void hostileValuesInEveryFormAreRejectedNamingTheField(String bad) {
        assertThatThrownBy(() ->
                        key("{\"gofer\": {\"course\": \"c\", \"section\": \"s\", \"assignment\": \"" + bad + "\"}}"))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("'assignment'");
        assertThatThrownBy(() -> key("{\"otter_service\": {\"course\": \"" + bad
                        + "\", \"section\": \"s\", \"assignment\": \"a\"}}"))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("'course'");
        assertThatThrownBy(() -> key("{\"course\": \"c\", \"section\": \"" + bad + "\", \"lab\": \"a\"}"))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("'section'");
    }

    @Test
    void aBlockThatIsNotAnObjectIsSkipped() {
        assertThat(key("{\"gofer\": \"yes\", \"course\": \"c\", \"section\": \"s\", \"lab\": \"l\"}"))
                .isEqualTo(AssignmentKey.of("c", "s", "l"));
    }
}
