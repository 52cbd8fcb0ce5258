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

    /** Links to the first, previous, next and last page, and the neighbours of the current one. */
    static Html links(String base, Map<String, String> params, int page, int pages) {
        if (pages <= 1) {
            return Html.EMPTY;
        }
        StringBuilder b = new StringBuilder("<nav class=\"paging\">");
        b.append(Html.of("<span>page %s of %s</span> ", page, pages));
        int from = Math.max(1, page - 3);
        int to = Math.min(pages, page + 3);
        if (from > 1) {
            b.append(link(base, params, 1, "1")).append(from > 2 ? " … " : " ");
        }
        for (int p = from; p <= to; p++) {
            b.append(p == page ? Html.of("<strong>%s</strong> ", p).text() : link(base, params, p, Integer.toString(p)) + " ");
        }
        if (to < pages) {
            b.append(to < pages - 1 ? "… " : "").append(link(base, params, pages, Integer.toString(pages)));
        }
        return new Html(b.append("</nav>").toString());
    }

    static String url(String base, Map<String, String> params) {
        StringBuilder b = new StringBuilder(base);
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            b.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.put(key, value);
        return m;
    }

    private static String link(String base, Map<String, String> params, int page, String label) {
        return Html.of("<a class=\"page\" href=\"%s\">%s</a>", url(base, with(params, "page", Integer.toString(page))),
                label).text();
    }
}
