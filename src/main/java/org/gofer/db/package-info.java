/** Jdbi and SQLite setup (pragmas, plugins) and the migration runner shared by the service, the tests and create-database. */
package org.gofer.db;
