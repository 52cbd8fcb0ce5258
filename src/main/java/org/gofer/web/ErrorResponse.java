package org.gofer.web;

/** The body of every 4xx/5xx answer: one sentence that says what went wrong and what to do. */
public record ErrorResponse(String error) {}
