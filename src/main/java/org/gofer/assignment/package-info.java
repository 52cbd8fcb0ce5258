/** Find an assignment's tests, support files and settings under notebooks-tests/ from a validated key. */
package org.gofer.assignment;
