/** Running the tests written beside the rules in policy files ({@code ppl test}). */
package dev.ppl.testing;
