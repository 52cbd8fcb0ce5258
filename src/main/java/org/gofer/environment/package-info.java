/** Build each assignment's grading environment (its image, from a spec) once, off the request path, and reuse it. */
package org.gofer.environment;
