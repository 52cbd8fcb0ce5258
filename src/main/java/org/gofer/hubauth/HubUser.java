package org.gofer.hubauth;

import java.util.Collection;
import java.util.List;

/**
 * A caller as the hub describes them. Immutable.
 *
 * @param name the hub user name; submissions are filed under it
 * @param admin the hub's admin flag
 * @param groups hub groups the user belongs to
 * @param scopes scopes the presented token carries (for OAuth tokens: the identify scopes only)
 * @param instructor may see every submission and export the gradebook
 */
public record HubUser(String name, boolean admin, List<String> groups, List<String> scopes, boolean instructor) {
    public HubUser {
        groups = List.copyOf(groups);
        scopes = List.copyOf(scopes);
    }

    /** True when the token carries at least one of {@code wanted} (HubAuth's access check). */
    public boolean hasAnyScope(Collection<String> wanted) {
        return scopes.stream().anyMatch(wanted::contains);
    }
}
