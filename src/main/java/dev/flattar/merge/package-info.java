/** The whiteout-aware merge: which members survive, and the plan of the new layer (internal). */
package dev.flattar.merge;
