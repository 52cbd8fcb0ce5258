/** Composition root: load config, then assemble and run the service (database, sandbox, workers, web) as GoferService. */
package org.gofer;
