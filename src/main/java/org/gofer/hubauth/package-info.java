/** Resolve the caller from a JupyterHub token or the service's OAuth cookie via the Hub API; student or instructor. */
package org.gofer.hubauth;
