package org.gofer.sandbox;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The keystrokes of a debug terminal on their way to the shell's stdin: the web side {@link #write}s,
 * docker-java's copier thread {@link #read}s and blocks until there is input, and gets end-of-stream
 * after {@link #close}. A {@link java.io.PipedInputStream} would not do: it fails once the thread
 * that last wrote has ended, and Jetty writes from pooled threads that come and go.
 *
 * <p>Bounded: at most {@value #MAX_CHUNKS} writes wait at a time (a shell that stopped reading makes
 * further input fail rather than grow the heap). Thread-safe.
 */
final class ShellInput extends InputStream {
    static final int MAX_CHUNKS = 1024;
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>(MAX_CHUNKS);
    private byte[] current = new byte[0];
    private int position;
    private volatile boolean closed;

    /** @return false when the input is closed or the shell is not keeping up */
    boolean write(byte[] bytes) {
        if (closed || bytes.length == 0) {
            return !closed;
        }
        return chunks.offer(bytes.clone());
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (current == END) {
                return -1;
            }
            try {
                byte[] next = chunks.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    current = next;
                    position = 0;
                } else if (closed) {
                    current = END;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Ends the stream: the copier thread reads what is queued, then end-of-stream. */
    @Override
    public void close() {
        closed = true;
        chunks.offer(END);
    }
}
