/**
 * Changing an image's config while flattening: the config flags ({@link
 * dev.flattar.config.ChangeFlags}), Dockerfile instructions as {@code docker commit --change} takes
 * them ({@link dev.flattar.config.ChangeInstructions}), and their application to the config with
 * Docker's semantics ({@link dev.flattar.config.ConfigChanges}). Pure functions over JSON trees;
 * depends only on {@code dev.flattar.model}.
 */
package dev.flattar.config;
