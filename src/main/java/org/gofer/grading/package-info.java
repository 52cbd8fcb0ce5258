/** Drive one job through the flow: queue, sandbox, result, gradebook. */
package org.gofer.grading;
