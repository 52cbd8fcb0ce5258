package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradingLoadTest {
    @Test
    void busyOnlyWhileEveryWorkerGrades() {
        GradingLoad load = new GradingLoad(2);
        assertThat(load.everyWorkerBusy()).isFalse();
        load.started();
        assertThat(load.everyWorkerBusy()).isFalse();
        load.started();
        assertThat(load.everyWorkerBusy()).isTrue();
        load.finished();
        assertThat(load.everyWorkerBusy()).isFalse();
    }

    @Test
    void aRunnerWithoutWorkersIsNeverBusy() {
        GradingLoad load = GradingLoad.unbounded();
        for (int i = 0; i < 100; i++) {
            load.started();
        }
        assertThat(load.everyWorkerBusy()).isFalse();
    }
}
