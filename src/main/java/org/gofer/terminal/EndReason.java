package org.gofer.terminal;

/** Why a debug terminal ended, as stored in {@code terminal_sessions.end_reason}. */
public enum EndReason {
    SHELL_EXITED("shell_exited"),
    IDLE("idle"),
    MAX_DURATION("max_duration"),
    /** The browser closed the websocket: the tab was closed, or the connection dropped. */
    CLOSED("closed"),
    SERVICE_STOPPING("service_stopping"),
    /** Found open at start-up: the service stopped without ending it. */
    SERVICE_RESTARTED("service_restarted"),
    /** The container or the shell could not be started. */
    FAILED("failed");

    private final String dbValue;

    EndReason(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }
}
