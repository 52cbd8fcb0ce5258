/** Server-rendered pages for students and instructors, and the instructor JSON endpoints they use. */
package org.gofer.pages;
