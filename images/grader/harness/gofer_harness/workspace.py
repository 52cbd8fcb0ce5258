"""The working directory the notebook runs in: /home/gofer/work, filled without following links."""
import os
import shutil

NOTEBOOK_NAME = "submission.ipynb"

# Caches the image built for its own packages (matplotlib's font list), read-only there. The home
# directory is an empty tmpfs in every container, so without a copy each grading that imports
# matplotlib would scan the fonts again: about 0.17 s of CPU, the same list every time.
IMAGE_CACHES = "/opt/gofer/home-cache"


def create_workdir(path):
    os.makedirs(path, mode=0o700, exist_ok=True)
    if os.path.islink(path) or not os.path.isdir(path):
        raise OSError(f"{path} is not a plain directory")
    return path


def seed_home_caches(home, source=IMAGE_CACHES):
    """Copies the image's caches into `home`/.cache; an image without them is left as it is."""
    if not home or not os.path.isdir(source):
        return False
    try:
        shutil.copytree(source, os.path.join(home, ".cache"), dirs_exist_ok=True)
        return True
    except OSError:
        return False  # the packages rebuild what is missing, as they would on a new laptop


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
