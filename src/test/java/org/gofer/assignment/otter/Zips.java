package org.gofer.assignment.otter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip archives in tests, including hostile ones that ZipOutputStream would not write by itself. */
public final class Zips {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    public static Zips create() {
        return new Zips();
    }

    public Zips file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Zips file(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    /** The layout otter assign 7 writes: scaffolding, tests/, files/, environment.yml, otter_config.json. */
    static Zips otterLayout(String otterConfig) {
        return create().file("run_autograder", "#!/bin/bash\npython /autograder/source/run_otter.py\n")
                .file("run_otter.py", "from otter.run.run_autograder import main\n")
                .file("setup.sh", "#!/usr/bin/env bash\nmamba env create -f environment.yml\n")
                .file(
                        "tests/q1.py",
                        "OK_FORMAT = True\n\ntest = {'name': 'q1', 'points': 2, 'suites': [{'cases': "
                                + "[{'code': '>>> x\\n1', 'hidden': False, 'locked': False}], 'scored': True, 'setup': '', "
                                + "'teardown': '', 'type': 'doctest'}]}\n")
                .file(
                        "tests/q2.py",
                        "OK_FORMAT = True\n\ntest = {'name': 'q2', 'points': None, 'suites': [{'cases': "
                                + "[{'code': '>>> y\\n2', 'hidden': True, 'locked': False, 'points': 3}], 'scored': True, "
                                + "'setup': '', 'teardown': '', 'type': 'doctest'}]}\n")
                .file("environment.yml", """
                        name: otter-env
                        channels:
                          - conda-forge
                        dependencies:
                          - python=3.13
                          - pip
                          - jupyter_server
                          - pip:
                              - otter-grader[grading,plugins]==7.0.0
                              - scipy>=1.10
                              - sympy==1.12
                        """)
                .file("otter_config.json", otterConfig)
                .file("files/data.csv", "x,y\n1,2\n")
                .file("files/helpers/util.py", "FOO = 1\n");
    }

    public byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    Path write(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes());
        return p;
    }

    /** Marks the named entry a Unix symbolic link in the central directory, as Info-ZIP's {@code zip -y} does. */
    public static byte[] markSymlink(byte[] zip, String name) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int at = centralEntry(zip, name);
        buf.putShort(at + 4, (short) ((3 << 8) | 20));
        buf.putInt(at + 38, 0120777 << 16);
        return zip;
    }

    /** Replaces every occurrence of a name (local and central headers) by another of the same length. */
    public static byte[] rename(byte[] zip, String from, String to, boolean centralToo) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        int central = centralStart(zip);
        for (int i = 0; i + a.length <= zip.length; i++) {
            if (!centralToo && i >= central) {
                break;
            }
            if (matches(zip, i, a)) {
                System.arraycopy(b, 0, zip, i, b.length);
            }
        }
        return zip;
    }

    private static int centralEntry(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = centralStart(zip); i + 46 < zip.length; i++) {
            if (buf.getInt(i) == 0x02014b50 && matches(zip, i + 46, n)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no central entry " + name);
    }

    private static int centralStart(byte[] zip) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = zip.length - 22; i >= 0; i--) {
            if (buf.getInt(i) == 0x06054b50) {
                return buf.getInt(i + 16);
            }
        }
        throw new IllegalArgumentException("not a zip");
    }

    private static boolean matches(byte[] zip, int at, byte[] what) {
        if (at + what.length > zip.length) {
            return false;
        }
        for (int j = 0; j < what.length; j++) {
            if (zip[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }
}
