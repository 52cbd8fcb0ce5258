/** Read settings once from the environment and an optional properties file, validate them, fail fast at start-up. */
package org.gofer.config;
