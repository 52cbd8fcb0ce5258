package org.gofer.hubauth;

import java.util.Optional;

/**
 * An authenticated request's user and how they proved it.
 *
 * @param user the hub user
 * @param via a token sent with the request, or the service's session cookie
 * @param session the cookie's session (with its XSRF token), when {@code via} is COOKIE
 */
public record Caller(HubUser user, Via via, Optional<SessionStore.Session> session) {

    /** How the caller authenticated; cookie-authenticated writes need an XSRF token. */
    public enum Via {
        TOKEN,
        COOKIE
    }

    public String name() {
        return user.name();
    }

    public boolean instructor() {
        return user.instructor();
    }

    /** The one access rule for students' work: its owner may see it, and instructors may see everyone's. */
    public boolean maySeeWorkOf(String owner) {
        return instructor() || name().equals(owner);
    }

    /** @throws AccessDeniedException unless {@link #maySeeWorkOf} the submission's owner */
    public void requireMaySeeSubmission(long submissionId, String owner) {
        if (!maySeeWorkOf(owner)) {
            throw new AccessDeniedException("submission " + submissionId + " belongs to another user");
        }
    }
}
