/** Record scores, apply the keep-best or keep-latest policy, export CSV. */
package org.gofer.gradebook;
