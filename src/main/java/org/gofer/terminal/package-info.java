/** Instructors' debug terminals: a shell in a fresh grading container of a submission, over a websocket, logged. */
package org.gofer.terminal;
