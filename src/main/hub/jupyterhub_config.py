# Sample JupyterHub configuration that runs Gofer as a managed service. Tested on JupyterHub 3.0
# (Debian 12) and 5.5 (src/main/hub/current-stack.sh): the same lines work on 3.x, 4.x and 5.x.
#
# Copy the parts you need into your hub's jupyterhub_config.py, or start a hub with this file
# (`jupyterhub -f jupyterhub_config.py`) and put your authenticator and spawner below it.
# Every value can be set from the environment, so the same file serves a real hub, the demo
# (demo_jupyterhub_config.py loads it) and the integration tests:
#
#   GOFER_SERVICE_TOKEN   required: the service's fixed API token (64 hex, e.g. `openssl rand -hex 32`).
#                         It is also Gofer's OAuth client secret. Without a fixed token the hub makes
#                         a new one at every start.
#   GOFER_JAR             the service jar (default /opt/gofer/gofer.jar)
#   GOFER_JAVA            the Java 17+ launcher (default /usr/bin/java; absolute: the hub's PATH
#                         may point at another runtime)
#   GOFER_JAVA_OPTS       extra JVM options, space separated (default: -Xmx512m)
#   GOFER_SERVICE_URL     where Gofer listens; the proxy routes /services/gofer/ there
#                         (default http://127.0.0.1:10101)
#   GOFER_INSTRUCTORS     comma-separated hub user names in the group "instructors"
#   GOFER_STUDENTS        comma-separated hub user names in the group "students"
#   GOFER_*               every other GOFER_ variable (except GOFER_HUB_*, GOFER_NB_*, GOFER_DEMO_*) of the hub's environment (GOFER_DB,
#                         GOFER_DATA_DIR, GOFER_TESTS_DIR, GOFER_IMAGE, GOFER_DEPLOYMENT, ...) is passed
#                         to the service: a managed service sees only what the hub hands it.
#
# What a user needs to reach Gofer (JupyterHub 3.0 to 5.x): the scope access:services!service=gofer.
# The built-in `user` role does not hold it, so it is granted below, to every user (by extending
# the `user` role) — use a group-based role instead if only some users may submit.
import os

import jupyterhub

c = get_config()  # noqa: F821 (injected by traitlets)

SERVICE_NAME = "gofer"
INSTRUCTOR_SCOPE = "custom:gofer:instruct"

# Variables that configure the hub side only (and the demo's password): never handed to the service.
_HUB_ONLY = {"GOFER_SERVICE_TOKEN", "GOFER_JAR", "GOFER_JAVA", "GOFER_JAVA_OPTS", "GOFER_SERVICE_URL",
             "GOFER_SERVICE_PORT", "GOFER_INSTRUCTORS", "GOFER_STUDENTS"}
_HUB_ONLY_PREFIXES = ("GOFER_HUB_", "GOFER_NB_", "GOFER_DEMO_", "GOFER_PROXY_")


def _names(var):
    return [n.strip() for n in os.environ.get(var, "").split(",") if n.strip()]


_token = os.environ.get("GOFER_SERVICE_TOKEN", "")
if len(_token) < 32:
    raise SystemExit("jupyterhub_config.py: set GOFER_SERVICE_TOKEN to a random token "
                     "of at least 32 characters (openssl rand -hex 32)")

_service_env = {k: v for k, v in os.environ.items()
                if k.startswith("GOFER_") and k not in _HUB_ONLY and not k.startswith(_HUB_ONLY_PREFIXES)}
_service_env.setdefault("GOFER_INSTRUCTOR_GROUP", "instructors")
_service_env.setdefault("GOFER_INSTRUCTOR_SCOPE", INSTRUCTOR_SCOPE)

c.JupyterHub.services = [
    {
        "name": SERVICE_NAME,
        # Absolute paths: the hub hands its PATH to the service, and it may find another java first.
        "command": [os.environ.get("GOFER_JAVA", "/usr/bin/java"),
                    *os.environ.get("GOFER_JAVA_OPTS", "-Xmx512m").split(),
                    "-jar", os.environ.get("GOFER_JAR", "/opt/gofer/gofer.jar"), "serve"],
        # Gofer binds exactly here (JUPYTERHUB_SERVICE_URL); the proxy keeps the /services/gofer/ prefix.
        "url": os.environ.get("GOFER_SERVICE_URL", "http://127.0.0.1:10101"),
        "api_token": _token,
        # Skip the "Authorize access" page so that the Submit button signs in without a click (with
        # fetch() on 3.x; in a hidden iframe on 4.1+, whose XSRF rules refuse the hub's cookie to fetch()).
        "oauth_no_confirm": True,
        # Let OAuth tokens (the browser cookie) carry the instructor scope, not only API tokens.
        "oauth_client_allowed_scopes": [INSTRUCTOR_SCOPE],
        "environment": _service_env,
        "display": False,
    }
]

c.JupyterHub.custom_scopes = {
    INSTRUCTOR_SCOPE: {"description": "See every submission and export the gradebook in Gofer."},
}

_groups = {"instructors": _names("GOFER_INSTRUCTORS"), "students": _names("GOFER_STUDENTS")}
if jupyterhub.version_info >= (3, 2):
    # The list form is deprecated since 3.2; 3.0 and 3.1 know only the list form.
    _groups = {name: {"users": members} for name, members in _groups.items()}
c.JupyterHub.load_groups = _groups

c.JupyterHub.load_roles = [
    # Overriding a built-in role replaces its scopes, so `self` is listed again.
    {"name": "user", "scopes": ["self", f"access:services!service={SERVICE_NAME}"]},
    {"name": "gofer-instructors", "scopes": [INSTRUCTOR_SCOPE], "groups": ["instructors"]},
    # Gofer may look up users and groups (e.g. to show an instructor who is in the course).
    {"name": "gofer-service", "scopes": ["read:users", "list:users", "read:groups", "list:groups"],
     "services": [SERVICE_NAME]},
]
