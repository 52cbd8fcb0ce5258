/** Turn an otter-grader autograder.zip into a Gofer assignment directory under notebooks-tests/. */
package org.gofer.assignment.otter;
