/**
 * {@code ppl serve}: the web playground. {@link dev.ppl.serve.Workbench} checks an edited policy
 * with its library and evaluates, explains and tests a claim against it; {@link
 * dev.ppl.serve.Playground} serves the page (src/main/resources/dev/ppl/serve/) and the JSON
 * endpoint it posts to, on the JDK's HTTP server.
 */
package dev.ppl.serve;
