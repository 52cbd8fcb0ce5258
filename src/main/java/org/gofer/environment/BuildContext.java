package org.gofer.environment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The in-memory tar that a build gets as its context: the generated Dockerfile, the requirements
 * file and, when the host has one for pip, its CA bundle. Nothing from the assignment directory
 * but the checked requirements reaches the build. Stateless.
 */
final class BuildContext {
    private BuildContext() {}

    static byte[] tar(EnvironmentSpec spec, String dockerfile, PipSettings pip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
        if (spec.hasRequirements()) {
            files.put(EnvironmentDockerfile.REQUIREMENTS, spec.requirements());
            pip.caBundle().ifPresent(cert -> files.put(EnvironmentDockerfile.PIP_CERT, cert));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(f.getValue().length);
                entry.setMode(0644);
                entry.setModTime(0); // the same spec gives the same context, so Docker's layer cache applies
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a build context in memory", e);
        }
        return out.toByteArray();
    }
}
