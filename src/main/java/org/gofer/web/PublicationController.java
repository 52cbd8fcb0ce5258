package org.gofer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.publication.DraftUpload;
import org.gofer.publication.DraftUploads;
import org.gofer.publication.DraftValidator;
import org.gofer.publication.PublicationLogEntry;
import org.gofer.publication.PublicationState;
import org.gofer.publication.Publications;
import org.gofer.publication.UploadFormat;
import org.gofer.publication.ValidationRun;
import org.gofer.publication.ValidationRuns;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;

/**
 * Instructors' assignment uploads and publication under {@code {prefix}api/assignments/{c}/{s}/{a}/}:
 * {@code POST draft} (multipart: {@code archive}, optional {@code solution}, {@code format},
 * {@code replace}), {@code GET publication}, {@code POST validate}, {@code POST publish}
 * ({@code {"anyway": true}} to publish without a passing validation) and {@code POST unpublish}.
 * Translates HTTP only.
 */
public final class PublicationController implements RouteModule {
    private final AssignmentCatalog catalog;
    private final DraftUploads uploads;
    private final DraftValidator validator;
    private final Publications publications;
    private final ValidationRuns runs;
    private final long maxBodyBytes;

    public PublicationController(
            AssignmentCatalog catalog,
            DraftUploads uploads,
            DraftValidator validator,
            Publications publications,
            ValidationRuns runs,
            long maxBodyBytes) {
        this.catalog = catalog;
        this.uploads = uploads;
        this.validator = validator;
        this.publications = publications;
        this.runs = runs;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** What {@code GET publication} and the writes answer. */
    public record View(
            String assignment,
            boolean published,
            boolean forced,
            String changedAt,
            String changedBy,
            Optional<ValidationView> validation,
            List<PublicationLogEntry> log) {}

    /** The latest validation: its verdict (running, passed, warning, no_solutions) and each solution's report. */
    public record ValidationView(
            long id, String verdict, String requestedBy, String requestedAt, List<SolutionView> solutions) {}

    public record SolutionView(
            String notebook,
            String status,
            Double score,
            Double maxScore,
            boolean fullMarks,
            String reason,
            List<TestResult> tests) {}

    /** What {@code POST draft} answers (201). */
    public record Uploaded(
            String assignment,
            String format,
            List<String> files,
            List<String> solutions,
            boolean replaced,
            long validation,
            String links) {}

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        String a = prefix + "api/assignments/{course}/{section}/{name}/";
        config.routes.post(a + "draft", this::upload);
        config.routes.get(
                a + "publication",
                ctx -> ctx.header("Cache-Control", "no-store").json(view(existing(staffKey(ctx)))));
        config.routes.post(a + "validate", this::validate);
        config.routes.post(a + "publish", this::publish);
        config.routes.post(a + "unpublish", ctx -> {
            AssignmentKey key = existing(staffKey(ctx));
            publications.unpublish(key, AuthGate.caller(ctx).name());
            ctx.json(view(key));
        });
    }

    private void upload(Context ctx) {
        AssignmentKey key = staffKey(ctx);
        if (!RequestBodies.isMultipart(RequestBodies.mediaType(ctx))) {
            throw new UnsupportedMediaTypeException(
                    "send a multipart/form-data upload: the zip in \"archive\", optionally a notebook in \"solution\"");
        }
        byte[] archive = file(ctx, "archive")
                .orElseThrow(() -> new BadRequestException("the upload needs the zip in a field named \"archive\""));
        Optional<byte[]> solution = file(ctx, "solution");
        DraftUpload.Result r = uploads.upload(new DraftUpload(
                key,
                archive,
                format(ctx.formParam("format")),
                solution,
                "true".equals(ctx.formParam("replace")),
                AuthGate.caller(ctx).name()));
        ctx.status(201)
                .json(new Uploaded(
                        key.toString(),
                        r.format().name().toLowerCase(Locale.ROOT),
                        r.files(),
                        r.solutions(),
                        r.replaced(),
                        r.validation(),
                        ctx.path().replaceAll("draft$", "publication")));
    }

    private void validate(Context ctx) {
        AssignmentKey key = existing(staffKey(ctx));
        validator.validate(key, AuthGate.caller(ctx).name());
        ctx.status(202).json(view(key));
    }

    private void publish(Context ctx) {
        AssignmentKey key = existing(staffKey(ctx));
        boolean anyway = false;
        if (!ctx.body().isBlank()) {
            JsonNode body;
            try {
                body = Json.mapper().readTree(ctx.body());
            } catch (IOException e) {
                throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
            }
            if (body == null
                    || !body.isObject()
                    || (body.has("anyway") && !body.get("anyway").isBoolean())) {
                throw new BadRequestException("send {} or {\"anyway\": true}");
            }
            anyway = body.path("anyway").asBoolean(false);
        }
        publications.publish(key, AuthGate.caller(ctx).name(), anyway);
        ctx.json(view(key));
    }

    View view(AssignmentKey key) {
        PublicationState s = publications.state(key);
        return new View(
                key.toString(),
                s.published(),
                s.forced(),
                s.changedAt().map(Object::toString).orElse(null),
                s.changedBy().orElse(null),
                runs.latest(key.toString()).map(PublicationController::validationView),
                publications.log(key, 20));
    }

    static ValidationView validationView(ValidationRun run) {
        return new ValidationView(
                run.id(),
                run.verdict().name().toLowerCase(Locale.ROOT),
                run.requestedBy(),
                run.requestedAt().toString(),
                run.results().stream()
                        .map(r -> new SolutionView(
                                r.notebook(),
                                r.report().map(g -> g.status()).orElse(r.status()),
                                r.report().map(g -> g.score()).orElse(null),
                                r.report().map(g -> g.maxScore()).orElse(null),
                                r.fullMarks(),
                                r.report().flatMap(GradingReport::reason).orElse(null),
                                r.report().map(GradingReport::tests).orElse(List.of())))
                        .toList());
    }

    private AssignmentKey existing(AssignmentKey key) {
        if (!catalog.exists(key)) {
            throw new NotFoundException("no assignment " + key + " in the course's tests");
        }
        return key;
    }

    private static AssignmentKey staffKey(Context ctx) {
        AssignmentKey key = AssignmentKey.of(ctx.pathParam("course"), ctx.pathParam("section"), ctx.pathParam("name"));
        if (!AuthGate.caller(ctx).mayTeach(key.course())) {
            throw new AccessDeniedException(
                    "only the course's instructors may upload, validate and publish assignments");
        }
        return key;
    }

    private Optional<byte[]> file(Context ctx, String field) {
        UploadedFile file = ctx.uploadedFile(field);
        if (file == null) {
            return Optional.empty();
        }
        if (file.size() > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        try (InputStream in = file.content()) {
            return Optional.of(RequestBodies.readBounded(in, maxBodyBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded " + field, e);
        }
    }

    private static Optional<UploadFormat> format(String raw) {
        if (raw == null || raw.isBlank() || raw.equals("auto")) {
            return Optional.empty();
        }
        return switch (raw) {
            case "directory" -> Optional.of(UploadFormat.DIRECTORY);
            case "otter" -> Optional.of(UploadFormat.OTTER);
            default -> throw new BadRequestException("\"format\" must be directory, otter or auto");
        };
    }
}
