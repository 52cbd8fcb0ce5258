/** Pass final scores back to the LMS over LTI 1.1 and record whether it worked. */
package org.gofer.lti;
