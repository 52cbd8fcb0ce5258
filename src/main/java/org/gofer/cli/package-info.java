/** Command-line entry points: grade one notebook locally and migrate a gradebook, for instructors and scripts. */
package org.gofer.cli;
