/** Courses: who takes and who teaches each course (hub groups, uploaded rosters) and which courses admit only their members. */
package org.gofer.course;
