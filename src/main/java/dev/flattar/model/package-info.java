/**
 * Public values shared by the API and every stage: digests, image references, output formats and
 * compressions, reporting interfaces, and the {@link dev.flattar.model.FlatTarException} family
 * (one type per kind of bad input).
 */
package dev.flattar.model;
