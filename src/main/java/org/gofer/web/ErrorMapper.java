package org.gofer.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.gofer.assignment.UnknownAssignmentException;
import org.gofer.assignment.otter.UnsafeArchiveException;
import org.gofer.course.InvalidRosterException;
import org.gofer.gradebook.InvalidGradeChangeException;
import org.gofer.gradebook.NoCountedGradeException;
import org.gofer.gradebook.SubmissionWindowClosedException;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.AuthenticationException;
import org.gofer.hubauth.HubUnavailableException;
import org.gofer.leaderboard.DisplayNameTakenException;
import org.gofer.leaderboard.InvalidDisplayNameException;
import org.gofer.publication.PublicationConflictException;
import org.gofer.publication.UploadRejectedException;
import org.gofer.submission.IntakeUnavailableException;
import org.gofer.submission.InvalidSubmissionException;
import org.gofer.submission.SubmissionRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception-to-status mapping of the service. Known exceptions carry a message meant
 * for the caller; anything else is a 500 with a generic message and a log line (never a stack
 * trace to the client). Thread-safe.
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    static final String REALM = "token realm=\"jupyterhub\"";
    /** How much of a too-large body is read away so the client sees the 413 (Tomcat swallows 2 MiB). */
    static final long SWALLOW_BYTES = 4L << 20;

    void handle(Exception e, Context ctx) {
        int status = statusOf(e);
        String message = e.getMessage();
        if (status == 401) {
            ctx.header("WWW-Authenticate", REALM);
        }
        if (e instanceof PayloadTooLargeException) {
            RequestBodies.swallow(ctx, SWALLOW_BYTES);
        }
        if (e instanceof SubmissionRefusedException refused) {
            refused.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
        }
        if (e instanceof HubUnavailableException hub) {
            LOG.warn("hub API problem on {} {}: {}", ctx.method(), RequestLog.redact(ctx.path()), hub.getMessage());
            message = "the hub could not confirm who you are; try again in a minute";
        } else if (status == 500) {
            LOG.error("unexpected error on {} {}", ctx.method(), RequestLog.redact(ctx.path()), e);
            message = "internal error; the service logged it";
        } else if (e instanceof HttpResponseException && (message == null || message.isBlank())) {
            message = "HTTP " + status;
        }
        ctx.status(status).json(new ErrorResponse(message));
    }

    static int statusOf(Exception e) {
        if (e instanceof InvalidSubmissionException
                || e instanceof InvalidAssignmentKeyException
                || e instanceof UnknownAssignmentException
                || e instanceof InvalidDisplayNameException
                || e instanceof BadRequestException
                || e instanceof UnsafeArchiveException
                || e instanceof UploadRejectedException
                || e instanceof InvalidRosterException
                || e instanceof InvalidGradeChangeException) {
            return 400;
        }
        if (e instanceof SubmissionWindowClosedException) {
            return 403;
        }
        if (e instanceof PublicationConflictException || e instanceof NoCountedGradeException) {
            return 409;
        }
        if (e instanceof AuthenticationException) {
            return 401;
        }
        if (e instanceof SubmissionRefusedException refused) {
            return refused.status();
        }
        if (e instanceof AccessDeniedException) {
            return 403;
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof DisplayNameTakenException) {
            return 409;
        }
        if (e instanceof PayloadTooLargeException) {
            return 413;
        }
        if (e instanceof UnsupportedMediaTypeException) {
            return 415;
        }
        if (e instanceof IntakeUnavailableException) {
            return 503;
        }
        if (e instanceof HubUnavailableException hub) {
            return hub.status();
        }
        if (e instanceof HttpResponseException r && r.getStatus() >= 400 && r.getStatus() < 600) {
            return r.getStatus();
        }
        return 500;
    }
}
