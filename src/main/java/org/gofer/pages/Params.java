package org.gofer.pages;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.gofer.web.BadRequestException;
import org.gofer.web.NotFoundException;
import org.gofer.web.QueryParams;

/** Reads and checks the pages' query and path parameters; bad values are a 400 that names them. */
final class Params {
    private Params() {}

    static int page(Context ctx) {
        return (int) number(ctx, "page", 1, 1, 1_000_000);
    }

    static long number(Context ctx, String name, long fallback, long min, long max) {
        return QueryParams.number(ctx, name, fallback, min, max);
    }

    static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.length() > 100 ? s.substring(0, 100) : s);
    }

    static String choice(Context ctx, String name, String fallback, Set<String> allowed) {
        String v = text(ctx, name).orElse(fallback);
        if (!allowed.contains(v)) {
            throw new BadRequestException("query parameter '" + name + "' must be one of " + allowed);
        }
        return v;
    }

    static boolean descending(Context ctx) {
        return choice(ctx, "dir", "asc", Set.of("asc", "desc")).equals("desc");
    }

    /** The assignment named by the path parameters course, section and name. */
    static AssignmentKey assignment(Context ctx) {
        try {
            return AssignmentKey.of(ctx.pathParam("course"), ctx.pathParam("section"), ctx.pathParam("name"));
        } catch (InvalidAssignmentKeyException e) {
            throw new NotFoundException("no such assignment: " + e.getMessage());
        }
    }

    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("no submission with that id: ids are numbers");
        }
    }
}
