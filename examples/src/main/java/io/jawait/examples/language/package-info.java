/**
 * Java statements across awaits: try-with-resources over resources whose close is itself awaited,
 * and switch expressions whose arms await ({@link io.jawait.examples.language.Sessions}).
 */
package io.jawait.examples.language;
