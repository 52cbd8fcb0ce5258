"""The runner's stdout and stderr as the supervisor keeps them: capped, the rest counted."""


class OutputCapture:
    def __init__(self, limit_bytes):
        self.limit = int(limit_bytes)
        self.kept = {"stdout": bytearray(), "stderr": bytearray()}
        self.dropped = 0

    def add(self, stream, data):
        room = self.limit - len(self.kept["stdout"]) - len(self.kept["stderr"])
        take = data[:max(room, 0)]
        self.kept[stream] += take
        self.dropped += len(data) - len(take)

    @property
    def limit_hit(self):
        return self.dropped > 0

    def to_json(self):
        return {
            "stdout": self.kept["stdout"].decode("utf-8", "replace"),
            "stderr": self.kept["stderr"].decode("utf-8", "replace"),
            "dropped_bytes": self.dropped,
        }
