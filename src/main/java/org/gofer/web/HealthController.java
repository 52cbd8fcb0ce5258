package org.gofer.web;

import io.javalin.config.JavalinConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET {prefix}health}: 200 when the database and Docker answer, else 503. Unauthenticated
 * and quick: each check gets at most {@link #CHECK_TIMEOUT_MS}, so a hung Docker daemon makes the
 * answer 503, never slow. Thread-safe.
 */
public final class HealthController implements RouteModule {
    static final long CHECK_TIMEOUT_MS = 2_000;

    private final Jdbi jdbi;
    private final BooleanSupplier dockerHealthy;
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gofer-health");
        t.setDaemon(true);
        return t;
    });

    public HealthController(Jdbi jdbi, BooleanSupplier dockerHealthy) {
        this.jdbi = jdbi;
        this.dockerHealthy = dockerHealthy;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "health", ctx -> {
            boolean database = check(() -> jdbi.withHandle(
                            h -> h.createQuery("SELECT 1").mapTo(Integer.class).one())
                    == 1);
            boolean docker = check(dockerHealthy);
            ctx.status(database && docker ? 200 : 503).json(Health.of(database, docker));
        });
    }

    /** The answer: {@code ok} or {@code unavailable} overall and for each check. */
    record Health(String status, String database, String docker) {
        static Health of(boolean database, boolean docker) {
            return new Health(word(database && docker), word(database), word(docker));
        }

        private static String word(boolean up) {
            return up ? "ok" : "unavailable";
        }
    }

    private boolean check(BooleanSupplier probe) {
        CompletableFuture<Boolean> f = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return probe.getAsBoolean();
                    } catch (RuntimeException e) {
                        return false;
                    }
                },
                checks);
        try {
            return f.get(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            f.cancel(true);
            return false;
        }
    }
}
