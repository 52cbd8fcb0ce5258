package org.gofer.pages;

import java.util.Map;

/**
 * A table header's link that sorts by one column, flipping the direction when the table is
 * already sorted by it (sortLink.jte). Immutable.
 */
record SortLink(String url, boolean active, boolean descending) {

    static SortLink of(String base, Map<String, String> params, String key, String sort, boolean desc) {
        boolean active = key.equals(sort);
        Map<String, String> p = Paging.with(Paging.with(params, "sort", key), "dir", active && !desc ? "desc" : "asc");
        p.remove("page");
        return new SortLink(Paging.url(base, p), active, desc);
    }

    String arrow() {
        return active ? (descending ? "▼" : "▲") : "⇅";
    }
}
