package org.gofer.gradebook;

import org.jdbi.v3.core.Handle;

/**
 * Told about every recorded grade inside the transaction that records it, so that whatever it
 * writes (an LTI outbox row) commits or rolls back together with the grade.
 */
public interface GradeListener {

    /**
     * @param handle the open transaction; write with it, never open another connection
     * @param grade the grade just recorded
     */
    void onGradeRecorded(Handle handle, RecordedGrade grade);
}
