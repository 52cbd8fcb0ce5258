"""The supervisor's end of the runner: control frames, output pipes, time limits, death."""
import os
import select
import signal
import time

from . import processes, protocol

GRACE_S = 3.0


class RunnerGone(Exception):
    """The runner died or broke the protocol; `reason` says how, for people."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class RunnerLink:
    def __init__(self, pid, control_w, reply_r, stdout_r, stderr_r, capture):
        self.pid = pid
        self._control_w = control_w
        self._reply_r = reply_r
        self._streams = {stdout_r: "stdout", stderr_r: "stderr"}
        self._reader = protocol.FrameReader()
        self.capture = capture
        self.exit_status = None
        self.killed_by_supervisor = False
        self.violation = None
        for fd in (control_w, reply_r, stdout_r, stderr_r):
            os.set_blocking(fd, False)

    def set_capture(self, capture):
        self.capture = capture

    @property
    def alive(self):
        return self.exit_status is None and self.violation is None

    def death_reason(self):
        if self.violation:
            return self.violation
        if self.exit_status is None:
            return "the notebook's process stopped answering"
        how = processes.describe_status(self.exit_status)
        if self.killed_by_supervisor:
            return f"the notebook's process was {how} by the harness"
        return f"the notebook's process {how}"

    def _on_exit(self, pid, status):
        if pid == self.pid:
            self.exit_status = status

    def reap(self):
        processes.reap(self._on_exit)

    def _pump(self, timeout):
        fds = [self._reply_r] + list(self._streams)
        try:
            readable, _, _ = select.select(fds, [], [], max(timeout, 0))
        except InterruptedError:
            readable = []
        for fd in readable:
            try:
                data = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if fd == self._reply_r:
                if not data:
                    self._reply_closed = True
                else:
                    self._reader.feed(data)
            elif data:
                if self.capture is not None:
                    self.capture.add(self._streams[fd], data)
            else:
                self._streams.pop(fd, None)
        self.reap()

    _reply_closed = False

    def send(self, message, deadline):
        """Writes one frame; gives up at the deadline (a runner that stops reading)."""
        if not self.alive:
            raise RunnerGone(self.death_reason())
        data = memoryview(protocol.encode(message))
        while data:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                _, writable, _ = select.select([], [self._control_w], [], min(remaining, 0.2))
            except InterruptedError:
                continue
            if writable:
                try:
                    data = data[os.write(self._control_w, data):]
                except BlockingIOError:
                    continue
                except BrokenPipeError:
                    self._wait_for_exit(1.0)
                    raise RunnerGone(self.death_reason()) from None
            else:
                self._pump(0)
                if not self.alive:
                    raise RunnerGone(self.death_reason())
        return True

    def receive(self, deadline, accept):
        """The next frame for which accept(frame) is true; None at the deadline.

        Frames the runner sent that are not accepted (stale, or forged by the notebook's
        code) are dropped. Raises RunnerGone when the runner died or sent garbage.
        """
        while True:
            try:
                frame = self._reader.next_frame()
            except protocol.ProtocolError as e:
                self.violation = f"the notebook's process broke the control protocol ({e})"
                raise RunnerGone(self.violation) from None
            if frame is not None:
                if accept(frame):
                    return frame
                continue
            if self._reply_closed or not self.alive:
                self._wait_for_exit(1.0)
                raise RunnerGone(self.death_reason())
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self._pump(min(remaining, 0.2))

    def _wait_for_exit(self, seconds):
        deadline = time.monotonic() + seconds
        while self.exit_status is None and time.monotonic() < deadline:
            self._pump(0.02)
        if self.exit_status is None:
            self.kill()

    def request(self, message, deadline, accept):
        """Sends and waits; on the deadline interrupts (soft limit), then kills (hard limit).

        Returns (frame, timed_out). frame is the answer, possibly the interrupted one.
        """
        if not self.send(message, deadline):
            self.kill()
            raise RunnerGone("the notebook's process stopped reading its instructions")
        frame = self.receive(deadline, accept)
        if frame is not None:
            return frame, False
        self.interrupt()
        frame = self.receive(time.monotonic() + GRACE_S, accept)
        if frame is None:
            # Maybe starved by its own children (a fork bomb): kill those, try once more.
            if self.sweep_others():
                self.interrupt()
                frame = self.receive(time.monotonic() + GRACE_S, accept)
        if frame is None:
            self.kill()
            raise RunnerGone(f"the notebook's process ignored the time limit and was killed")
        return frame, True

    def interrupt(self):
        try:
            os.kill(self.pid, signal.SIGINT)
        except ProcessLookupError:
            pass

    def kill(self):
        if self.exit_status is not None:
            return
        self.killed_by_supervisor = True
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 5
        while self.exit_status is None and time.monotonic() < deadline:
            self.reap()
            time.sleep(0.01)

    def drain(self, seconds=0.2):
        """Collects output still in the pipes, until both reach end of file or the time is up.

        After the runner exited (and sweep_others killed the notebook's leftovers) nothing holds
        the pipes' write ends, so this returns as soon as the last bytes are read: a fixed wait
        here cost every grading 0.2 s.
        """
        deadline = time.monotonic() + seconds
        while self._streams and time.monotonic() < deadline:
            self._pump(min(0.02, max(0.0, deadline - time.monotonic())))

    def sweep_others(self):
        """Kills every process but the runner (leftovers of the notebook: forks, daemons)."""
        keep = [self.pid] if self.alive else []
        return processes.kill_all_but(keep, self._on_exit)

    def stop(self, deadline):
        try:
            self.send({"op": "exit"}, deadline)
        except RunnerGone:
            pass
