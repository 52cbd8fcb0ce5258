package org.gofer.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passback end to end against an outcome service that verifies with oauthlib. */
class PassbackDeliveryTest {
    private static final String LATEST = "{\"policy\": \"latest\"}";
    private static final String BEST = "{\"policy\": \"best\"}";
    private static final String SOURCEDID = "course-v1%3AX%2BY%2BZ:courses.edx.org-abc:student1";

    @TempDir
    Path dir;

    @Test
    void gradeArrivesSignedWithBodyHashAndIsDelivered() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
            f.bind("student1", peer.outcomeUrl(), SOURCEDID);
            f.recordGrade("student1", 17, 20);

            assertThat(sender.runOnce()).isEqualTo(1);

            List<Map<String, Object>> got = peer.received();
            assertThat(got).hasSize(1);
            assertThat(got.get(0))
                    .containsEntry("accepted", true)
                    .containsEntry("score", "0.85")
                    .containsEntry("sourcedid", SOURCEDID)
                    .containsEntry("content_type", "application/xml")
                    .containsEntry("oauth_signature_method", "HMAC-SHA1");
            Passback row = f.rows().get(0);
            assertThat(row.status()).isEqualTo(PassbackStatus.DELIVERED);
            assertThat(f.attempts(row.id())).singleElement().satisfies(a -> {
                assertThat(a.codeMajor()).isEqualTo("success");
                assertThat(a.outcome()).isEqualTo("delivered");
                assertThat(a.messageId()).isEqualTo(got.get(0).get("message_id"));
            });
            assertThat(sender.runOnce()).isZero();
        }
    }

    @Test
    void peerRejectsTamperedBodyAndWrongSecret() throws Exception {
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            ReplaceResultRequest good = ReplaceResultRequest.build(
                    peer.outcomeUrl(), LtiFixture.KEY, LtiFixture.SECRET, SOURCEDID, "0.5", "m1", Instant.now());
            String tamperedBody = new String(good.body(), StandardCharsets.UTF_8).replace(">0.5<", ">1<");
            ReplaceResultRequest wrongSecret = ReplaceResultRequest.build(
                    peer.outcomeUrl(), LtiFixture.KEY, "not-the-secret", SOURCEDID, "0.5", "m2", Instant.now());
            ReplaceResultRequest control = ReplaceResultRequest.build(
                    peer.outcomeUrl(), LtiFixture.KEY, LtiFixture.SECRET, SOURCEDID, "0.5", "m3", Instant.now());

            assertThat(post(http, peer, tamperedBody.getBytes(StandardCharsets.UTF_8), good.authorization()))
                    .contains("<imsx_codeMajor>failure</imsx_codeMajor>")
                    .contains("body hash mismatch");
            assertThat(post(http, peer, wrongSecret.body(), wrongSecret.authorization()))
                    .contains("<imsx_codeMajor>failure</imsx_codeMajor>")
                    .contains("signature invalid");
            assertThat(post(http, peer, control.body(), control.authorization()))
                    .contains("<imsx_codeMajor>success</imsx_codeMajor>");
            assertThat(peer.acceptedScores()).containsExactly("0.5");
        }
    }

    @Test
    void wrongSecretIsPermanentVisibleAndNotRetried() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                PassbackSender sender = f.sender("stale-secret", Duration.ofSeconds(5))) {
            f.bind("student1", peer.outcomeUrl(), SOURCEDID);
            f.recordGrade("student1", 1, 2);
            sender.runOnce();
            f.clock.advance(Duration.ofDays(1));
            assertThat(sender.runOnce()).isZero();

            assertThat(peer.received()).hasSize(1);
            List<Passback> visible = f.outbox.status(LtiFixture.ASSIGNMENT, "student1", null, 100);
            assertThat(visible).singleElement().satisfies(p -> {
                assertThat(p.status()).isEqualTo(PassbackStatus.FAILED);
                assertThat(p.attempts()).isEqualTo(1);
                assertThat(p.lastCodeMajor()).isEqualTo("failure");
                assertThat(p.lastError()).contains("OAuth verification error");
            });
        }
    }

    @Test
    void peerDownThenUpDeliversTheLatestScore() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        OutcomePeer first = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
        int port = first.port();
        String url = first.outcomeUrl();
        first.close(); // the LMS is down: connection refused
        try (PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
            f.bind("student1", url, SOURCEDID);
            f.recordGrade("student1", 5, 10);
            sender.runOnce();
            Passback afterFailure = f.rows().get(0);
            assertThat(afterFailure.status()).isEqualTo(PassbackStatus.PENDING);
            assertThat(afterFailure.lastError()).startsWith("network error");
            assertThat(sender.runOnce()).as("backoff: not due yet").isZero();

            f.recordGrade("student1", 7, 10); // newer score while the LMS is still down
            try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, port)) {
                f.clock.advance(Duration.ofMinutes(15));
                sender.runOnce();
                assertThat(peer.acceptedScores()).containsExactly("0.7");
                assertThat(f.rows())
                        .extracting(Passback::status)
                        .containsExactly(PassbackStatus.SUPERSEDED, PassbackStatus.DELIVERED);
            }
        }
    }

    @Test
    void slowPeerTimesOutAndIsRetried() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(1))) {
            peer.control(Map.of("hang", 1, "hang_seconds", 10));
            f.bind("student1", peer.outcomeUrl(), SOURCEDID);
            f.recordGrade("student1", 3, 4);
            sender.runOnce();
            assertThat(f.rows().get(0).lastError()).startsWith("timed out");
            assertThat(f.rows().get(0).status()).isEqualTo(PassbackStatus.PENDING);

            f.clock.advance(Duration.ofMinutes(15));
            sender.runOnce();
            assertThat(peer.acceptedScores()).containsExactly("0.75");
            assertThat(f.rows().get(0).status()).isEqualTo(PassbackStatus.DELIVERED);
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilDelivered() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
            peer.control(Map.of("fail_500", 2));
            f.bind("student1", peer.outcomeUrl(), SOURCEDID);
            f.recordGrade("student1", 1, 3);
            for (int i = 0; i < 5 && f.rows().get(0).status() == PassbackStatus.PENDING; i++) {
                sender.runOnce();
                f.clock.advance(Duration.ofMinutes(15));
            }
            Passback row = f.rows().get(0);
            assertThat(row.status()).isEqualTo(PassbackStatus.DELIVERED);
            assertThat(f.attempts(row.id()))
                    .extracting(PassbackAttempt::outcome, PassbackAttempt::httpStatus)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("retry", 500),
                            org.assertj.core.groups.Tuple.tuple("retry", 500),
                            org.assertj.core.groups.Tuple.tuple("delivered", 200));
            assertThat(peer.acceptedScores()).containsExactly("0.3333");
        }
    }

    @Test
    void userNotFoundIsPermanentAndAnInstructorCanResend() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
            peer.control(Map.of("failure", 1, "description", "User not found."));
            f.bind("student1", peer.outcomeUrl(), SOURCEDID);
            f.recordGrade("student1", 9, 10);
            sender.runOnce();
            f.clock.advance(Duration.ofDays(3));
            assertThat(sender.runOnce()).isZero();
            Passback failed = f.rows().get(0);
            assertThat(failed.status()).isEqualTo(PassbackStatus.FAILED);
            assertThat(failed.lastError()).isEqualTo("User not found.");
            assertThat(peer.received()).hasSize(1);

            long resent = f.outbox.resend(failed.id());
            sender.runOnce();
            assertThat(f.outbox.history(resent).orElseThrow().passback().status())
                    .isEqualTo(PassbackStatus.DELIVERED);
            assertThat(peer.acceptedScores()).containsExactly("0.9");
        }
    }

    @Test
    void aNewerScoreSupersedesAPendingOne() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
            f.bind("student1", peer.outcomeUrl(), SOURCEDID);
            f.recordGrade("student1", 2, 10);
            f.recordGrade("student1", 4, 10);
            f.recordGrade("student1", 6, 10);
            assertThat(sender.runOnce()).isEqualTo(1);
            assertThat(peer.acceptedScores()).containsExactly("0.6");
            List<Passback> rows = f.rows();
            assertThat(rows)
                    .extracting(Passback::status)
                    .containsExactly(PassbackStatus.SUPERSEDED, PassbackStatus.SUPERSEDED, PassbackStatus.DELIVERED);
            assertThat(rows.get(0).supersededBy()).isEqualTo(rows.get(1).id());
        }
    }

    @Test
    void policyBestSendsTheBestAndLatestTheLatest() throws Exception {
        for (String policy : List.of(BEST, LATEST)) {
            Path sub = dir.resolve(policy.contains("best") ? "best" : "latest");
            LtiFixture f = new LtiFixture(sub, policy);
            try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                    PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
                f.bind("student1", peer.outcomeUrl(), SOURCEDID);
                f.recordGrade("student1", 9, 10);
                sender.runOnce();
                f.recordGrade("student1", 4, 10);
                f.recordGrade("student1", LtiFixture.ASSIGNMENT, 0, 10, "failed");
                sender.runOnce();
                assertThat(peer.acceptedScores())
                        .as(policy)
                        .containsExactly("0.9", policy.contains("best") ? "0.9" : "0");
            }
        }
    }

    @Test
    void outOfRangeAndOddScoresNeverLeaveMalformed() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0);
                PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
            String[] users = {"over", "under", "tiny", "nan"};
            for (String u : users) {
                f.bind(u, peer.outcomeUrl(), "ctx:link:" + u);
            }
            f.recordGrade("over", 15, 10); // 1.5
            f.recordGrade("under", -1, 10); // -0.1
            f.recordGrade("tiny", 1, 10_000); // 1.0E-4
            f.recordGrade("nan", 0, 0); // graded with no points possible: NaN
            sender.runOnce();

            assertThat(peer.received()).allSatisfy(m -> assertThat(m).containsEntry("accepted", true));
            assertThat(peer.received())
                    .extracting(m -> m.get("sourcedid") + "=" + m.get("score"))
                    .containsExactlyInAnyOrder("ctx:link:over=1", "ctx:link:under=0", "ctx:link:tiny=0.0001");
            Passback nan = f.outbox.status(null, "nan", null, 10).get(0);
            assertThat(nan.status()).isEqualTo(PassbackStatus.FAILED);
            assertThat(nan.score()).isNull();
            assertThat(nan.lastError()).contains("NaN");
        }
    }

    @Test
    void assignmentJsonPassbackNeedsNoLaunch() throws Exception {
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0)) {
            LtiFixture f = new LtiFixture(dir, """
                    {"policy": "best", "lti": {"consumer_key": "edx", "outcome_url": "%s",
                     "sourcedid": "course-v1%%3AX%%2BY%%2BZ:courses.edx.org-abc"}}
                    """.formatted(peer.outcomeUrl()));
            try (PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5))) {
                f.recordGrade("0123abcdef", 1, 2);
                sender.runOnce();
                assertThat(peer.received())
                        .singleElement()
                        .satisfies(m -> assertThat(m)
                                .containsEntry("accepted", true)
                                .containsEntry("sourcedid", "course-v1%3AX%2BY%2BZ:courses.edx.org-abc:0123abcdef")
                                .containsEntry("score", "0.5"));
            }
        }
    }

    @Test
    void backgroundSenderDeliversAndStops() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        try (OutcomePeer peer = OutcomePeer.start(LtiFixture.KEY, LtiFixture.SECRET, 0)) {
            f.bind("student1", peer.outcomeUrl(), SOURCEDID);
            PassbackSender sender = f.sender(LtiFixture.SECRET, Duration.ofSeconds(5));
            try {
                sender.start();
                f.recordGrade("student1", 1, 1);
                for (int i = 0; i < 200 && f.rows().get(0).status() == PassbackStatus.PENDING; i++) {
                    Thread.sleep(100);
                }
            } finally {
                sender.close();
            }
            assertThat(f.rows().get(0).status()).isEqualTo(PassbackStatus.DELIVERED);
            assertThat(peer.acceptedScores()).containsExactly("1");
        }
    }

    @Test
    void studentsWithoutBindingGetNoRows() throws Exception {
        LtiFixture f = new LtiFixture(dir, LATEST);
        f.recordGrade("nobody", 1, 1);
        assertThat(f.rows()).isEmpty();
    }

    private static String post(HttpClient http, OutcomePeer peer, byte[] body, String authorization) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(peer.outcomeUrl()))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/xml")
                                .header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
