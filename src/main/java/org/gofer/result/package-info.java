/** Parse the harness's results into typed scores; reject malformed or out-of-range data. */
package org.gofer.result;
