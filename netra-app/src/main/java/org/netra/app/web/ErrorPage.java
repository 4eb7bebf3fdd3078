package org.netra.app.web;

/** The model of error.jte: status, a heading, what happened in plain words, and an incident id for 500s. */
public record ErrorPage(int status, String heading, String message, String incident) {}
