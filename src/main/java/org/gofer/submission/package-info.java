/** Accept a notebook, store its bytes once and its row in SQLite in one transaction, and hand out the next job. */
package org.gofer.submission;
