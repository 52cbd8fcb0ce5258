/** Queue and grading figures for operators, written in the Prometheus text exposition format. */
package org.gofer.metrics;
