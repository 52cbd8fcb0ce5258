package org.gofer.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Page links ("page 3 of 20") that keep a page's other query parameters. Stateless. */
final class Paging {
    private Paging() {}

    static int pages(long rows, int pageSize) {
        return (int) Math.max(1, (rows + pageSize - 1) / pageSize);
    }

    /**
     * Links to the first and last page and the neighbours of the current one, as paging.jte
     * shows them; none when everything fits on one page.
     */
    record Links(String base, Map<String, String> params, int page, int pages) {
        int from() {
            return Math.max(1, page - 3);
        }

        int to() {
            return Math.min(pages, page + 3);
        }

        String url(int p) {
            return Paging.url(base, with(params, "page", Integer.toString(p)));
        }
    }

    static Links links(String base, Map<String, String> params, int page, int pages) {
        return new Links(base, params, page, pages);
    }

    static String url(String base, Map<String, String> params) {
        StringBuilder b = new StringBuilder(base);
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            b.append(sep)
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.put(key, value);
        return m;
    }
}
