package org.gofer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The baseline most figures are set against, gofer_service's way: one hardened {@code docker run} of
 * the same image per notebook, executing the code cells in a real Jupyter kernel over ZMQ
 * (jupyter_client, the engine nbclient and nbconvert's ExecutePreprocessor drive). Its containers
 * carry {@code gofer.bench=baseline} and are removed by {@code --rm}.
 */
final class KernelBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KernelBaseline() {}

    /** Notebooks per minute: {@code n} kernel {@code docker run}s, {@code parallel} at a time. */
    static double rate(int parallel, int n, IntFunction<byte[]> notebook) throws Exception {
        return measure(parallel, n, notebook, List.of()).perMinute();
    }

    /** {@code n} kernel {@code docker run}s, {@code parallel} at a time: the time they took and the CPU. */
    static Throughput measure(int parallel, int n, IntFunction<byte[]> notebook, List<String> extraMounts)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            Throughput.Meter meter = Throughput.Meter.start();
            List<Future<double[]>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                runs.add(pool.submit(() -> run(notebook.apply(k), extraMounts)));
            }
            for (Future<double[]> f : runs) {
                f.get(10, TimeUnit.MINUTES);
            }
            return meter.stop(n);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the notebook's code cells; returns {wall seconds, seconds the cells themselves took}. */
    static double[] run(byte[] notebook, List<String> extraMounts) throws Exception {
        String script = """
                import json, sys, time, queue
                from jupyter_client.manager import start_new_kernel
                nb = json.loads(%s)
                km, kc = start_new_kernel(kernel_name="python3", startup_timeout=60)
                compute = 0.0
                try:
                    for cell in nb["cells"]:
                        if cell["cell_type"] != "code":
                            continue
                        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                        t = time.monotonic()
                        msg_id = kc.execute(src)
                        while True:
                            reply = kc.get_shell_msg(timeout=60)
                            if reply["parent_header"].get("msg_id") == msg_id:
                                break
                        while True:  # drain outputs until the kernel is idle again
                            try:
                                m = kc.get_iopub_msg(timeout=5)
                            except queue.Empty:
                                break
                            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" \
                                    and m["content"]["execution_state"] == "idle":
                                break
                        compute += time.monotonic() - t
                finally:
                    kc.stop_channels()
                    km.shutdown_kernel(now=True)
                print("COMPUTE", compute)
                """.formatted(JSON.writeValueAsString(new String(notebook, StandardCharsets.UTF_8)));
        List<String> cmd = new ArrayList<>(List.of(
                "docker",
                "run",
                "--rm",
                "-i",
                "--label",
                "gofer.bench=baseline",
                "--network",
                "none",
                "--memory",
                "1g",
                "--memory-swap",
                "1g",
                "--cpus",
                "1",
                "--pids-limit",
                "256",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges",
                "--read-only",
                "--tmpfs",
                "/tmp:rw,nosuid,nodev,size=64m",
                "--tmpfs",
                "/home/gofer:rw,nosuid,nodev,size=192m,uid=1000,gid=1000,mode=0700",
                "--user",
                "1000:1000",
                "-e",
                "HOME=/home/gofer",
                "-e",
                "PYTHONPATH=/opt/gofer/harness/shims",
                "-w",
                "/home/gofer"));
        cmd.addAll(extraMounts);
        cmd.addAll(List.of(BenchMain.IMAGE, "python3", "-"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("baseline docker run failed: " + out);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double compute = out.lines()
                .filter(l -> l.startsWith("COMPUTE "))
                .mapToDouble(l -> Double.parseDouble(l.substring(8)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("baseline printed no COMPUTE: " + out));
        return new double[] {wall, compute};
    }
}
