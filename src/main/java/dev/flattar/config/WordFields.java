package dev.flattar.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code wordsStruct} in buildkit's shell lexer: the fields of a processed word, split on
 * spaces except where quotes or escapes made a character literal. Only EXPOSE uses them, so that
 * {@code EXPOSE $PORTS} with {@code PORTS="80 443"} exposes two ports.
 */
final class WordFields {
  private final List<String> done = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;

  /** Characters as the lexer produced them: a space ends a field. */
  void add(String s) {
    s.codePoints()
        .forEach(
            c -> {
              if (!GoText.isSpace(c)) {
                word.appendCodePoint(c);
                inWord = true;
              } else if (inWord && word.length() > 0) {
                done.add(word.toString());
                word.setLength(0);
                inWord = false;
              }
            });
  }

  /** Quoted or escaped text: spaces in it stay in the field. */
  void addRaw(String s) {
    word.append(s);
    inWord = true;
  }

  List<String> done() {
    if (word.length() > 0) {
      done.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
    return List.copyOf(done);
  }
}
