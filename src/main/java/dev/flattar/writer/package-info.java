/** Writing archives: the new layer, configs, manifest.json and OCI layouts (internal). */
package dev.flattar.writer;
