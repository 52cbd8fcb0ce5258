/** Run gradings as Kubernetes Jobs behind the sandbox stage's runner seam. */
package org.gofer.sandbox.kubernetes;
