package org.gofer.result;

/** A notebook cell that raised while the submission ran; grading went on past it. */
public record CellError(int cell, String ename, String evalue) {}
