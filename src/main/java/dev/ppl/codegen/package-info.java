/**
 * Rules compiled to bytecode: each rule of a compiled policy becomes one method of a hidden class
 * (ASM writes it, {@code MethodHandles.Lookup.defineHiddenClass} loads it), run instead of the
 * rule's node tree when no tracer listens. Depends on {@code compile} for the nodes it falls back
 * to; {@code api} calls it after compiling.
 */
package dev.ppl.codegen;
