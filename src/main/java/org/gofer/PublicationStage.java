package org.gofer;

import java.time.Clock;
import org.gofer.assignment.otter.SafeZipReader;
import org.gofer.config.AppConfig;
import org.gofer.publication.DraftUploads;
import org.gofer.publication.DraftValidator;
import org.gofer.publication.Publications;
import org.gofer.publication.ValidationRuns;
import org.gofer.submission.SubmissionArchive;

/**
 * Assignments from the pages: uploads become drafts, their solutions are graded in the sandbox by
 * the validator's own thread, and instructors publish them. Also the submissions' zip downloads.
 */
final class PublicationStage implements AutoCloseable {
    private final Publications publications;
    private final ValidationRuns runs;
    private final DraftValidator validator;
    private final DraftUploads uploads;
    private final SubmissionArchive archive;

    PublicationStage(AppConfig config, StoresStage stores, SandboxStage sandbox, Clock clock) {
        this.runs = new ValidationRuns(stores.jdbi(), clock);
        this.publications = new Publications(stores.jdbi(), clock, runs);
        this.validator = new DraftValidator(
                stores.jdbi(),
                stores.catalog(),
                runs,
                sandbox.runner(),
                config.sandbox(),
                sandbox.environmentResolver());
        this.uploads = new DraftUploads(
                stores.jdbi(),
                stores.catalog(),
                publications,
                runs,
                validator,
                SafeZipReader.withDefaults(),
                config.dataDir());
        this.archive = new SubmissionArchive(stores.jdbi(), stores.store());
    }

    Publications publications() {
        return publications;
    }

    ValidationRuns runs() {
        return runs;
    }

    DraftValidator validator() {
        return validator;
    }

    DraftUploads uploads() {
        return uploads;
    }

    SubmissionArchive archive() {
        return archive;
    }

    /** Validations a stopped service left unfinished are graded again. */
    void start() {
        validator.resume();
    }

    @Override
    public void close() {
        validator.close();
    }
}
