/**
 * Values the language computes with, shared by the checker (which builds them from literals,
 * code sets and tables) and the runtime (which evaluates with them): units and quantities,
 * code sets, tables.
 */
package dev.ppl.value;
