// Gofer's benchmarks, launched from the repository root after `mvn -B -q -DskipTests package`
// (which builds target/gofer.jar and compiles the test sources, the benchmarks among them):
//
//   java -cp target/gofer.jar bench/Bench.java all          every benchmark, figures to bench/RESULTS.md
//   java -cp target/gofer.jar bench/Bench.java intake       one of: intake overhead throughput burst real
//
// The benchmarks themselves are compiled test sources, src/test/java/org/gofer/bench (BenchMain and one
// class per benchmark); this file only loads them from target/test-classes, on top of the jar this
// launcher runs with, and hands them the arguments. Options: see bench/README.md.

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

public class Bench {
    public static void main(String[] args) throws Throwable {
        Path classes = Path.of("target/test-classes").toAbsolutePath();
        if (!Files.isRegularFile(classes.resolve("org/gofer/bench/BenchMain.class"))) {
            System.err.println("bench: no compiled benchmarks in " + classes
                    + "; run this from the repository root after `mvn -B -q -DskipTests package`");
            System.exit(2);
        }
        // Parent: this launcher's loader, whose class path has target/gofer.jar (Javalin, Jackson, sqlite).
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, Bench.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            try {
                loader.loadClass("org.gofer.bench.BenchMain")
                        .getMethod("main", String[].class)
                        .invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
