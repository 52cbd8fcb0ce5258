# The demo's (and the integration tests') hub: the sample jupyterhub_config.py plus a local
# sign-in and notebook servers that need no system accounts. NOT for real use: every user
# shares one password and every notebook server runs as the hub's own user.
#
# Extra environment, set by demo-hub.sh or the tests:
#   GOFER_HUB_STATE       directory for the hub's database, cookie secret, proxy token and homes
#   GOFER_HUB_PORT        public port of the proxy on 127.0.0.1 (default 8000)
#   GOFER_HUB_API_PORT    the hub's own port on 127.0.0.1 (default 8081)
#   GOFER_PROXY_API_PORT  the proxy's API port on 127.0.0.1 (default 8001)
#   GOFER_HUB_PASSWORD    the one password every demo user signs in with
#   GOFER_NB_DATA_DIR     a Jupyter data dir holding nbextensions/gofer_submit (the Submit button)
#   GOFER_NB_CONFIG_DIR   an extra Jupyter config dir whose nbconfig/notebook.json enables it
#   GOFER_PROXY_CMD       configurable-http-proxy to start (default: the one on PATH, Debian's)
#   GOFER_HUB_DEFAULT_URL the page a user lands on (default /tree on 3.0, /lab on 4+)
#   GOFER_HUB_GROUPS      more hub groups, e.g. course groups: "course-A=student1,ta1;course-A-staff=ta1"
#
# The same file runs Debian's JupyterHub 3.0 (classic Notebook 6 servers, the nbextension) and
# JupyterHub 5 from the venv of current-stack.sh (JupyterLab 4 and Notebook 7 servers, the
# labextension installed in that venv): the notebook servers come from the hub's own prefix.
import os
import sys

import jupyterhub

# An absolute path: load_subconfig silently skips a file it cannot find.
_sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jupyterhub_config.py")
if not os.path.isfile(_sample):
    raise SystemExit(f"demo_jupyterhub_config.py: {_sample} is missing")
load_subconfig(_sample)  # noqa: F821 (injected by traitlets)

c = get_config()  # noqa: F821

state = os.environ["GOFER_HUB_STATE"]
users = [n.strip() for n in (os.environ.get("GOFER_INSTRUCTORS", "") + "," + os.environ.get("GOFER_STUDENTS", ""))
         .split(",") if n.strip()]

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ.get("GOFER_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("GOFER_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % os.environ.get("GOFER_PROXY_API_PORT", "8001")
if os.environ.get("GOFER_PROXY_CMD"):
    c.ConfigurableHTTPProxy.command = [os.environ["GOFER_PROXY_CMD"]]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
# Users in the database but no longer configured are dropped, so a rerun starts clean.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

if jupyterhub.version_info >= (5, 3):
    # One password for every allowed user (DummyAuthenticator.password is deprecated since 5.3).
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ["GOFER_HUB_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["GOFER_HUB_PASSWORD"]
c.Authenticator.allowed_users = set(users)

# More groups (a course's students and staff), beside the sample's "instructors" and "students".
for _entry in filter(None, (e.strip() for e in os.environ.get("GOFER_HUB_GROUPS", "").split(";"))):
    _name, _, _members = _entry.partition("=")
    _listed = [m.strip() for m in _members.split(",") if m.strip()]
    c.JupyterHub.load_groups[_name.strip()] = {"users": _listed} if jupyterhub.version_info >= (3, 2) else _listed

# Notebook servers without system accounts: each user gets $GOFER_HUB_STATE/home/<name>.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "home", "{username}")
CLASSIC = jupyterhub.version_info < (4,)
# The hub's own prefix: /usr for Debian's hub, the venv for JupyterHub 5.
c.Spawner.cmd = [os.path.join(sys.prefix, "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = os.environ.get("GOFER_HUB_DEFAULT_URL", "/tree" if CLASSIC else "/lab")
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
if os.geteuid() == 0:
    c.Spawner.args = ["--allow-root"]
c.Spawner.environment = {
    # The classic Submit button, without touching the machine's Jupyter directories (JupyterLab 4
    # and Notebook 7 find the labextension in the venv's share/jupyter/labextensions).
    "JUPYTER_PATH": os.environ["GOFER_NB_DATA_DIR"],
    # An extra config dir: each user keeps their own ~/.jupyter.
    "JUPYTER_CONFIG_PATH": os.environ["GOFER_NB_CONFIG_DIR"],
}
if CLASSIC:
    # Debian's classic notebook server (notebook 6.4), not jupyter_server.
    c.Spawner.environment["JUPYTERHUB_SINGLEUSER_APP"] = "notebook.notebookapp.NotebookApp"
