/** Assignments uploaded as drafts, validated by grading their solutions, then published to students. */
package org.gofer.publication;
