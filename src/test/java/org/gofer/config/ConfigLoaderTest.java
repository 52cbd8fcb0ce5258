package org.gofer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    private static AppConfig load(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.load(env);
    }

    @Test
    void defaultsMatchTheDesign() {
        AppConfig c = load();
        Path cwd = Path.of("").toAbsolutePath();

        assertThat(c.testsDir()).isEqualTo(cwd.resolve("notebooks-tests"));
        assertThat(c.database()).isEqualTo(cwd.resolve("gradebook.db"));
        assertThat(c.dataDir()).isEqualTo(cwd.resolve("gofer-data"));
        assertThat(c.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.web()).isEqualTo(new AppConfig.Web("127.0.0.1", 10101, "/"));
        assertThat(c.sandbox().image()).isEqualTo("gofer-grader:latest");
        assertThat(c.sandbox().memoryMb()).isEqualTo(1024);
        assertThat(c.sandbox().timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.lti().consumers()).isEmpty();
        assertThat(c.lti().publicUrl()).isEmpty();
        assertThat(c.hub().apiUrl()).isEmpty();
        assertThat(c.hub().clientId()).isEqualTo("service-gofer");
        assertThat(c.hub().accessScopes()).containsExactly("access:services", "access:services!service=gofer");
        assertThat(c.intake().defaultCourse()).isEmpty();
    }

    @Test
    void environmentBeatsTheConfigFile() throws Exception {
        Path file = tmp.resolve("gofer.properties");
        Files.writeString(file, """
                GOFER_WORKERS = 3
                GOFER_IMAGE = from-file:1
                GOFER_DEFAULT_COURSE = data8x
                """);

        AppConfig c = load("GOFER_CONFIG", file.toString(), "GOFER_WORKERS", "7");

        assertThat(c.workers()).isEqualTo(7);
        assertThat(c.sandbox().image()).isEqualTo("from-file:1");
        assertThat(c.intake().defaultCourse()).contains("data8x");
    }

    @Test
    void unreadableConfigFileNamesTheKey() {
        assertThatThrownBy(() ->
                        load("GOFER_CONFIG", tmp.resolve("missing.properties").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOFER_CONFIG:");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GOFER_WORKERS|abc",
                "GOFER_WORKERS|-1",
                "GOFER_WARM_CONTAINERS|-1",
                "GOFER_WARM_CONTAINERS|100",
                "GOFER_METRICS_PUBLIC|maybe",
                "GOFER_WORKERS|1000",
                "GOFER_WORKERS|2.5",
                "GOFER_BIND|nohost",
                "GOFER_BIND|:8080",
                "GOFER_BIND|localhost:",
                "GOFER_BIND|localhost:http",
                "GOFER_BIND|localhost:70000",
                "GOFER_BIND|localhost:-1",
                "GOFER_LTI_CONSUMERS|justakey",
                "GOFER_LTI_CONSUMERS|:secret",
                "GOFER_LTI_CONSUMERS|key:",
                "GOFER_LTI_CONSUMERS|good:secret,bad",
                "GOFER_PUBLIC_URL|hub.example.edu",
                "GOFER_PUBLIC_URL|http://bad host/",
                "JUPYTERHUB_API_URL|/hub/api",
                "JUPYTERHUB_SERVICE_URL|not a url",
                "GOFER_SANDBOX_CPUS|lots",
                "GOFER_SANDBOX_CPUS|0",
                "GOFER_SANDBOX_MEMORY_MB|1",
                "GOFER_SANDBOX_TIMEOUT_SECONDS|-5",
                "GOFER_DEPLOYMENT|has space",
                "GOFER_DEV_USERS|tok",
                "GOFER_DEV_USERS|tok:alice:admin",
                "GOFER_MAX_BODY_BYTES|ten",
                "GOFER_DB|' '",
                "JUPYTERHUB_OAUTH_ACCESS_SCOPES|access:services",
                "GOFER_EXECUTOR|podman",
            })
    void badValueFailsWithTheKeyInTheMessage(String key, String value) {
        assertThatThrownBy(() -> load(key, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ":");
    }

    @Test
    void theExecutorIsDockerUnlessKubernetesIsNamed() {
        assertThat(load().sandbox().kubernetes()).isEmpty();
        assertThat(load("GOFER_EXECUTOR", "docker").sandbox().kubernetes()).isEmpty();

        AppConfig.Kubernetes k =
                load("GOFER_EXECUTOR", "kubernetes").sandbox().kubernetes().orElseThrow();
        assertThat(k.namespace()).isEqualTo("gofer-grading");
        assertThat(k.finishedJobTtl()).hasSeconds(600);
        assertThat(k.startTimeout()).hasSeconds(300);

        AppConfig.Kubernetes set = load(
                        "GOFER_EXECUTOR", "kubernetes",
                        "GOFER_K8S_NAMESPACE", "course-grading",
                        "GOFER_K8S_JOB_TTL_SECONDS", "60",
                        "GOFER_K8S_START_TIMEOUT_SECONDS", "30")
                .sandbox()
                .kubernetes()
                .orElseThrow();
        assertThat(set)
                .isEqualTo(new AppConfig.Kubernetes("course-grading", Duration.ofSeconds(60), Duration.ofSeconds(30)));
        assertThatThrownBy(() -> load("GOFER_EXECUTOR", "kubernetes", "GOFER_K8S_NAMESPACE", "Not_A_Namespace"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOFER_K8S_NAMESPACE:");
    }

    @Test
    void badValueMessageSaysWhatWasGiven() {
        assertThatThrownBy(() -> load("GOFER_WORKERS", "abc"))
                .hasMessage("GOFER_WORKERS: expected a whole number, got 'abc'");
        assertThatThrownBy(() -> load("GOFER_BIND", "nohost"))
                .hasMessage("GOFER_BIND: expected host:port, got 'nohost'");
    }

    @Test
    void ltiSecretsNeverAppearInErrors() {
        assertThatThrownBy(() -> load("GOFER_LTI_CONSUMERS", "edx:s3cr3t,broken"))
                .isInstanceOf(ConfigException.class)
                .message()
                .doesNotContain("s3cr3t");
    }

    @Test
    void ltiConsumersParseKeyAndSecretKeepingColonsInTheSecret() {
        AppConfig c =
                load("GOFER_LTI_CONSUMERS", "edx:abc, canvas:x:y:z ,", "GOFER_PUBLIC_URL", "https://hub.example.edu");

        assertThat(c.lti().consumers()).containsExactlyInAnyOrderEntriesOf(Map.of("edx", "abc", "canvas", "x:y:z"));
        assertThat(c.lti().publicUrl()).contains(URI.create("https://hub.example.edu"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/services/gofer/, /services/gofer/",
        "/services/gofer, /services/gofer/",
        "services/gofer, /services/gofer/",
        "/, /",
        "'', /",
    })
    void prefixIsNormalisedToStartAndEndWithASlash(String given, String expected) {
        assertThat(load("JUPYTERHUB_SERVICE_PREFIX", given).web().prefix()).isEqualTo(expected);
    }

    @Test
    void hubPrefixBeatsGoferPrefix() {
        assertThat(load("JUPYTERHUB_SERVICE_PREFIX", "/services/gofer/", "GOFER_PREFIX", "/other/")
                        .web()
                        .prefix())
                .isEqualTo("/services/gofer/");
        assertThat(load("GOFER_PREFIX", "/other").web().prefix()).isEqualTo("/other/");
    }

    @ParameterizedTest
    @CsvSource({"/services/a b/", "/services//gofer/", "/services/gofer/?x=1", "/services/<script>/"})
    void prefixThatIsNotAPlainPathIsRejected(String prefix) {
        assertThatThrownBy(() -> load("JUPYTERHUB_SERVICE_PREFIX", prefix))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JUPYTERHUB_SERVICE_PREFIX");
    }

    @Test
    void prefixFeedsTheDefaultOauthCallback() {
        assertThat(load("JUPYTERHUB_SERVICE_PREFIX", "/services/gofer/").hub().oauthCallbackUrl())
                .isEqualTo("/services/gofer/oauth_callback");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://127.0.0.1:10101, 127.0.0.1, 10101",
        "http://127.0.0.1:10101/services/gofer/, 127.0.0.1, 10101",
        "http://gofer.internal, gofer.internal, 80",
        "https://gofer.internal, gofer.internal, 443",
        "http://[::1]:9000, [::1], 9000",
    })
    void serviceUrlGivesBindHostAndPort(String url, String host, int port) {
        AppConfig.Web web = load("JUPYTERHUB_SERVICE_URL", url).web();

        assertThat(web.host()).isEqualTo(host);
        assertThat(web.port()).isEqualTo(port);
    }

    @Test
    void explicitBindBeatsServiceUrl() {
        AppConfig.Web web = load("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101", "GOFER_BIND", "0.0.0.0:0")
                .web();

        assertThat(web.host()).isEqualTo("0.0.0.0");
        assertThat(web.port()).isZero();
    }

    @Test
    void bracketedIpv6BindIsUnwrapped() {
        AppConfig.Web web = load("GOFER_BIND", "[::1]:8080").web();

        assertThat(web.host()).isEqualTo("::1");
        assertThat(web.port()).isEqualTo(8080);
    }

    @Test
    void accessScopesAreReadFromTheHubsJsonList() {
        AppConfig c =
                load("JUPYTERHUB_OAUTH_ACCESS_SCOPES", "[\"access:services!service=gofer\", \"access:services\"]");

        assertThat(c.hub().accessScopes()).containsExactly("access:services!service=gofer", "access:services");
    }

    @Test
    void accessScopesUnescapeJsonStrings() {
        AppConfig c = load("JUPYTERHUB_OAUTH_ACCESS_SCOPES", "[\"custom:a\\u0021b\", \"x\\\\y\"]");

        assertThat(c.hub().accessScopes()).containsExactly("custom:a!b", "x\\y");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"[\"a\"", "[1, 2]", "[\"a\", null]", "{\"a\": 1}", "[[\"a\"]]"})
    void malformedAccessScopesNameTheKey(String raw) {
        assertThatThrownBy(() -> load("JUPYTERHUB_OAUTH_ACCESS_SCOPES", raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("JUPYTERHUB_OAUTH_ACCESS_SCOPES:");
    }

    @Test
    void serviceNameShapesClientIdAndDefaultScopes() {
        AppConfig c = load("JUPYTERHUB_SERVICE_NAME", "grader");

        assertThat(c.hub().clientId()).isEqualTo("service-grader");
        assertThat(c.hub().accessScopes()).contains("access:services!service=grader");
    }

    @Test
    void devUsersAndInstructorsAreParsed() {
        AppConfig c = load("GOFER_DEV_USERS", "t1:alice,t2:bob:instructor");

        assertThat(c.hub().devUsers()).containsExactlyInAnyOrderEntriesOf(Map.of("t1", "alice", "t2", "bob"));
        assertThat(c.hub().devInstructors()).containsExactly("bob");
    }

    @Test
    void pathsAreAbsoluteAndNormalised() {
        AppConfig c = load("GOFER_TESTS_DIR", tmp.resolve("a/../tests").toString(), "GOFER_DB", "rel/db.sqlite");

        assertThat(c.testsDir()).isEqualTo(tmp.resolve("tests"));
        assertThat(c.database()).isEqualTo(Path.of("rel/db.sqlite").toAbsolutePath());
    }

    @Test
    void blankOptionalValuesCountAsUnset() {
        AppConfig c = load("GOFER_DEFAULT_COURSE", "  ", "GOFER_LTI_CONSUMERS", "", "GOFER_PUBLIC_URL", "");

        assertThat(c.intake().defaultCourse()).isEqualTo(Optional.empty());
        assertThat(c.lti().consumers()).isEmpty();
        assertThat(c.lti().publicUrl()).isEmpty();
    }

    @Test
    void debugTerminalsIdleTenMinutesLastAnHourAndFourMayBeOpen() {
        AppConfig.Terminal t = load().terminal();

        assertThat(t.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(t.maxDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(t.maxSessions()).isEqualTo(4);
    }

    @Test
    void debugTerminalLimitsAreConfigurableAndChecked() {
        AppConfig.Terminal t = load(
                        "GOFER_TERMINAL_IDLE_SECONDS",
                        "30",
                        "GOFER_TERMINAL_MAX_SECONDS",
                        "900",
                        "GOFER_TERMINAL_MAX_SESSIONS",
                        "0")
                .terminal();

        assertThat(t).isEqualTo(new AppConfig.Terminal(Duration.ofSeconds(30), Duration.ofSeconds(900), 0));
        assertThatThrownBy(() -> load("GOFER_TERMINAL_IDLE_SECONDS", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOFER_TERMINAL_IDLE_SECONDS");
        assertThatThrownBy(() -> load("GOFER_TERMINAL_MAX_SESSIONS", "many"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOFER_TERMINAL_MAX_SESSIONS");
    }

    @Test
    void ltiLaunchesMapTheCustomParameterAndLowerCasedUserIdByDefault() {
        AppConfig.Lti lti = load().lti();

        assertThat(lti.assignmentsByResourceLink()).isEmpty();
        assertThat(lti.usernameParameter()).isEqualTo("user_id");
        assertThat(lti.lowercaseUsername()).isTrue();
    }

    @Test
    void ltiLaunchMappingComesFromTheConfigFileToo() throws Exception {
        Path file = tmp.resolve("gofer.properties");
        Files.writeString(file, """
                GOFER_LTI_ASSIGNMENTS = link-1=c8/s1/lab01, link-2=c8/s1/lab02
                GOFER_LTI_USERNAME_PARAM = lis_person_sourcedid
                GOFER_LTI_USERNAME_LOWERCASE = false
                """);

        AppConfig.Lti lti = load("GOFER_CONFIG", file.toString()).lti();

        assertThat(lti.assignmentsByResourceLink())
                .containsExactlyInAnyOrderEntriesOf(Map.of("link-1", "c8/s1/lab01", "link-2", "c8/s1/lab02"));
        assertThat(lti.usernameParameter()).isEqualTo("lis_person_sourcedid");
        assertThat(lti.lowercaseUsername()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GOFER_LTI_ASSIGNMENTS        | c8/s1/lab01",
                "GOFER_LTI_ASSIGNMENTS        | link-1=not-a-key",
                "GOFER_LTI_USERNAME_PARAM     | User Id",
                "GOFER_LTI_USERNAME_LOWERCASE | maybe"
            })
    void aBadLtiLaunchSettingFailsAtStartNamingItsKey(String key, String value) {
        assertThatThrownBy(() -> load(key, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ":");
    }

    @Test
    void pipSettingsForEnvironmentBuildsAreReadHereAndBlankOnesAreUnset() {
        AppConfig.Pip pip = load(
                        "PIP_INDEX_URL",
                        "http://127.0.0.1:3141/simple",
                        "PIP_TRUSTED_HOST",
                        " ",
                        "PIP_CERT",
                        "/etc/ssl/certs/ca.pem",
                        "HOME",
                        "/root")
                .pip();

        assertThat(pip.buildArgs()).containsExactlyEntriesOf(Map.of("PIP_INDEX_URL", "http://127.0.0.1:3141/simple"));
        assertThat(pip.caBundle()).contains(Path.of("/etc/ssl/certs/ca.pem"));
        assertThat(load().pip()).isEqualTo(AppConfig.Pip.none());
    }

    @Test
    void courseGroupsDefaultAndAreChecked() {
        AppConfig.Hub defaults = load().hub();
        assertThat(defaults.courseStudentGroup()).isEqualTo("course-{course}");
        assertThat(defaults.courseStaffGroup()).isEqualTo("course-{course}-staff");

        AppConfig.Hub custom = load(
                        "GOFER_COURSE_STUDENT_GROUP", "{course}-students", "GOFER_COURSE_STAFF_GROUP", "{course}-tas")
                .hub();
        assertThat(custom.courseStudentGroup()).isEqualTo("{course}-students");
        assertThat(custom.courseStaffGroup()).isEqualTo("{course}-tas");

        assertThatThrownBy(() -> load("GOFER_COURSE_STAFF_GROUP", "staff"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOFER_COURSE_STAFF_GROUP")
                .hasMessageContaining("exactly one {course}");
        assertThatThrownBy(() -> load("GOFER_COURSE_STUDENT_GROUP", "{course}-{course}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOFER_COURSE_STUDENT_GROUP");
        assertThatThrownBy(() -> load("GOFER_COURSE_STUDENT_GROUP", "course {course}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no spaces");
        assertThatThrownBy(() -> load("GOFER_COURSE_STUDENT_GROUP", "course-{course}-staff"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must name different groups");
    }
}
