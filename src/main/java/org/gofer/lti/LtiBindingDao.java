package org.gofer.lti;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for {@code lti_bindings}. Stateless; every method runs on the caller's handle. */
final class LtiBindingDao {
    private LtiBindingDao() {}

    /** Inserts or replaces the outcome details of (consumer, link, user), keeping the latest launch. */
    static void upsert(Handle h, LtiBinding b, Instant now) {
        h.createUpdate("""
                        INSERT INTO lti_bindings (consumer_key, resource_link_id, lms_user_id, username, assignment,
                                                  outcome_url, sourcedid, roles, first_launch_at, last_launch_at)
                        VALUES (:key, :link, :user, :username, :assignment, :url, :sourcedid, :roles, :now, :now)
                        ON CONFLICT (consumer_key, resource_link_id, lms_user_id) DO UPDATE SET
                            username = excluded.username,
                            assignment = excluded.assignment,
                            outcome_url = excluded.outcome_url,
                            sourcedid = excluded.sourcedid,
                            roles = excluded.roles,
                            last_launch_at = excluded.last_launch_at,
                            launches = launches + 1
                        """)
                .bind("key", b.consumerKey())
                .bind("link", b.resourceLinkId())
                .bind("user", b.lmsUserId())
                .bind("username", b.username())
                .bind("assignment", b.assignment())
                .bind("url", b.outcomeUrl())
                .bind("sourcedid", b.sourcedid())
                .bind("roles", b.roles())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    static List<LtiBinding> forStudent(Handle h, String username, String assignment) {
        return h.createQuery("SELECT * FROM lti_bindings WHERE username = :u AND assignment = :a ORDER BY id")
                .bind("u", username)
                .bind("a", assignment)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** Bindings filtered by assignment and/or hub user (null = any), newest launch first. */
    static List<LtiBinding> find(Handle h, String assignment, String username, int limit) {
        return h.createQuery("""
                        SELECT * FROM lti_bindings
                        WHERE (:a IS NULL OR assignment = :a) AND (:u IS NULL OR username = :u)
                        ORDER BY last_launch_at DESC, id DESC LIMIT :limit
                        """)
                .bind("a", assignment)
                .bind("u", username)
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    private static LtiBinding map(ResultSet rs) throws SQLException {
        return new LtiBinding(
                rs.getLong("id"),
                rs.getString("consumer_key"),
                rs.getString("resource_link_id"),
                rs.getString("lms_user_id"),
                rs.getString("username"),
                rs.getString("assignment"),
                rs.getString("outcome_url"),
                rs.getString("sourcedid"),
                rs.getString("roles"),
                Instant.ofEpochMilli(rs.getLong("first_launch_at")),
                Instant.ofEpochMilli(rs.getLong("last_launch_at")),
                rs.getInt("launches"));
    }
}
