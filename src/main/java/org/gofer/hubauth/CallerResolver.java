package org.gofer.hubauth;

import java.util.List;
import java.util.Optional;

/**
 * Decides who a request comes from, in HubAuth's order: a token first, then the session cookie.
 * Refuses (401) what the hub does not know and (403) users whose token carries none of the
 * service's access scopes. Thread-safe.
 */
public final class CallerResolver {
    private final HubAuthenticator authenticator;
    private final SessionStore sessions;
    private final List<String> accessScopes;
    private final CourseDirectory courses;

    /** @param courses who belongs to which course, for every resolved {@link Caller} */
    public CallerResolver(
            HubAuthenticator authenticator, SessionStore sessions, List<String> accessScopes, CourseDirectory courses) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.accessScopes = List.copyOf(accessScopes);
        this.courses = courses;
    }

    /**
     * @throws AuthenticationException no credentials, or the hub does not know them
     * @throws AccessDeniedException the user may not use this service
     * @throws HubUnavailableException the hub could not be asked
     */
    public Caller resolve(Credentials credentials) {
        if (credentials.token().isPresent()) {
            HubUser user = authenticator
                    .userForToken(credentials.token().get())
                    .orElseThrow(() -> new AuthenticationException(
                            "the hub does not know this token (expired or revoked?): get a new one from the hub"));
            return new Caller(checkAccess(user), Caller.Via.TOKEN, Optional.empty(), courses);
        }
        if (credentials.sessionId().isPresent()) {
            SessionStore.Session session = sessions.find(credentials.sessionId().get())
                    .orElseThrow(() -> new AuthenticationException("the session has ended: sign in again"));
            Optional<HubUser> user = authenticator.userForToken(session.hubToken());
            if (user.isEmpty()) {
                sessions.remove(session.id());
                throw new AuthenticationException("the hub ended this session: sign in again");
            }
            return new Caller(checkAccess(user.get()), Caller.Via.COOKIE, Optional.of(session), courses);
        }
        throw new AuthenticationException(
                "authentication required: send a hub token (Authorization: token ...) or sign in through the hub");
    }

    private HubUser checkAccess(HubUser user) {
        if (!user.hasAnyScope(accessScopes)) {
            throw new AccessDeniedException("user '" + user.name() + "' may not use this service: the hub grants "
                    + "none of " + accessScopes + " (ask the course staff for access)");
        }
        return user;
    }
}
