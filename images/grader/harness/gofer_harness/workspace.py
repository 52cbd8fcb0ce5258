"""The working directory the notebook runs in: /home/gofer/work, filled without following links."""
import os

NOTEBOOK_NAME = "submission.ipynb"


def create_workdir(path):
    os.makedirs(path, mode=0o700, exist_ok=True)
    if os.path.islink(path) or not os.path.isdir(path):
        raise OSError(f"{path} is not a plain directory")
    return path


def write_file(workdir, relative, content):
    """Writes workdir/relative, creating directories; never follows a symbolic link."""
    parts = relative.split("/")
    flags_dir = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    dir_fd = os.open(workdir, flags_dir)
    try:
        for part in parts[:-1]:
            try:
                os.mkdir(part, 0o700, dir_fd=dir_fd)
            except FileExistsError:
                pass
            next_fd = os.open(part, flags_dir, dir_fd=dir_fd)
            os.close(dir_fd)
            dir_fd = next_fd
        fd = os.open(parts[-1], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                     dir_fd=dir_fd)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    finally:
        os.close(dir_fd)
