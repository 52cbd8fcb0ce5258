package org.gofer.lti;

import java.time.Instant;

/**
 * The latest launch of one LMS user through one resource link of one consumer.
 *
 * @param username the hub user whose grades go back
 * @param assignment course/section/name
 * @param outcomeUrl {@code lis_outcome_service_url}, null when the link does not take grades
 * @param sourcedid {@code lis_result_sourcedid}, null when the link does not take grades
 */
public record LtiBinding(
        long id,
        String consumerKey,
        String resourceLinkId,
        String lmsUserId,
        String username,
        String assignment,
        String outcomeUrl,
        String sourcedid,
        String roles,
        Instant firstLaunchAt,
        Instant lastLaunchAt,
        int launches) {

    /** Whether this binding's student gets grades passed back. */
    public boolean acceptsGrades() {
        return outcomeUrl != null && sourcedid != null;
    }
}
