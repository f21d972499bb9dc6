/**
 * flat-tar's public API: {@link dev.flattar.FlatTar} flattens, exports or inspects an image archive
 * read from an {@link dev.flattar.Input} into an {@link dev.flattar.Output}, as {@link
 * dev.flattar.FlattenOptions} say. Values and exceptions it uses are in {@code dev.flattar.model}.
 * Every other package ({@code cli}, {@code archive}, {@code merge}, {@code writer}, {@code tar},
 * {@code io}) is internal and may change in any release.
 */
package dev.flattar;
