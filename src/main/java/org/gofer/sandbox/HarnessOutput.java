package org.gofer.sandbox;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Collects a container's attached stdout and stderr with fixed memory: a head of the log up to
 * {@code logBytes} (the rest is dropped and counted), and, from stdout, the lines that start with
 * {@code GOFER-RESULT } up to {@code resultBytes} in all (the newest kept), kept apart from the log.
 * A flood of output therefore costs no memory and cannot push the real result line out.
 *
 * <p>docker-java calls {@link #onNext} from one thread; the runner reads after completion. All
 * state is guarded by {@code this}.
 */
public final class HarnessOutput extends ResultCallback.Adapter<Frame> {
    private static final byte[] PREFIX = "GOFER-RESULT ".getBytes(StandardCharsets.US_ASCII);

    private final int logBytes;
    private final int resultBytes;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private long droppedBytes;
    // The stdout line being read: its first bytes until we know whether it is a result line.
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineDecided;
    private boolean lineIsResult;
    private boolean lineTooLong;
    private final Deque<byte[]> resultLines = new ArrayDeque<>();
    private long resultLinesBytes;

    HarnessOutput(int logBytes, int resultBytes) {
        this.logBytes = logBytes;
        this.resultBytes = resultBytes;
    }

    /** With the caps every executor uses for a grading's output (those of {@link ContainerSession}). */
    public static HarnessOutput forGrading() {
        return new HarnessOutput(ContainerSession.LOG_BYTES, ContainerSession.RESULT_BYTES);
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null) {
            return;
        }
        if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
            stdout(payload);
        } else {
            appendLog(payload, 0, payload.length);
        }
    }

    private void stdout(byte[] payload) {
        int i = 0;
        while (i < payload.length) {
            if (lineDecided && !lineIsResult) {
                // Fast path for ordinary output: copy up to the end of the line in one go.
                int end = i;
                while (end < payload.length && payload[end] != '\n') {
                    end++;
                }
                appendLog(payload, i, end - i);
                i = end;
            } else {
                stdoutByte(payload[i]);
                i++;
                continue;
            }
            if (i < payload.length) {
                endLine();
                i++;
            }
        }
    }

    private void stdoutByte(byte b) {
        if (b == '\n') {
            endLine();
            return;
        }
        if (!lineDecided) {
            line.write(b);
            if (line.size() == PREFIX.length) {
                lineDecided = true;
                lineIsResult = Arrays.equals(line.toByteArray(), PREFIX);
                if (!lineIsResult) {
                    appendLog(line.toByteArray(), 0, line.size());
                    line.reset();
                }
            }
        } else if (!lineIsResult) {
            appendLog(new byte[] {b}, 0, 1);
        } else if (line.size() < resultBytes) {
            line.write(b);
        } else {
            lineTooLong = true;
        }
    }

    private void endLine() {
        if (lineIsResult) {
            keepResultLine(line.toByteArray());
        } else {
            appendLog(line.toByteArray(), 0, line.size());
            appendLog(new byte[] {'\n'}, 0, 1);
        }
        line.reset();
        lineDecided = false;
        lineIsResult = false;
        lineTooLong = false;
    }

    private void keepResultLine(byte[] bytes) {
        String note = lineTooLong
                ? "[a result line over " + resultBytes + " bytes was dropped]\n"
                : "[result line, " + bytes.length + " bytes]\n";
        byte[] noteBytes = note.getBytes(StandardCharsets.US_ASCII);
        appendLog(noteBytes, 0, noteBytes.length);
        if (lineTooLong) {
            return;
        }
        resultLines.addLast(bytes);
        resultLinesBytes += bytes.length;
        while (resultLinesBytes > resultBytes && resultLines.size() > 1) {
            resultLinesBytes -= resultLines.removeFirst().length;
        }
    }

    private void appendLog(byte[] bytes, int offset, int length) {
        int room = Math.max(0, logBytes - log.size());
        int kept = Math.min(room, length);
        log.write(bytes, offset, kept);
        droppedBytes += length - kept;
    }

    /** Ends a last stdout line that had no newline (the container is gone). */
    public synchronized void finish() {
        if (line.size() > 0 || lineDecided) {
            endLine();
        }
    }

    /** Candidate result lines, oldest first; none of them is trusted yet. */
    public synchronized List<String> resultLines() {
        List<String> lines = new ArrayList<>();
        for (byte[] bytes : resultLines) {
            lines.add(new String(bytes, StandardCharsets.US_ASCII));
        }
        return lines;
    }

    synchronized long droppedBytes() {
        return droppedBytes;
    }

    /** The kept log, with a last line saying how much was dropped, if anything was. */
    public synchronized String log() {
        String text = log.toString(StandardCharsets.UTF_8);
        return droppedBytes == 0 ? text : text + "\n[" + droppedBytes + " more bytes of output were dropped]\n";
    }
}
