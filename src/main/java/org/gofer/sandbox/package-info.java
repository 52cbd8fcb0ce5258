/** Run one submission in a locked-down, labelled, one-shot container and get its verified result back. */
package org.gofer.sandbox;
