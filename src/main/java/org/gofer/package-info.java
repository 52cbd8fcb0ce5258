/** Composition root: load config, migrate the database, build clients, start workers and the web server. */
package org.gofer;
