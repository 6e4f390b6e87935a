package io.milvusbench.dataset.text;

import io.milvusbench.BadInputException;
import io.milvusbench.dataset.FileFingerprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real English text for the embedding dataset: every synset of WordNet 3.0 as one passage, its
 * words, its definition and its first usage example, e.g. {@code "dog, domestic dog, Canis
 * familiaris (noun): a member of the genus Canis ...; "the dog barked all night""}. Read from the
 * database files of the Debian package {@code wordnet-base} ({@code /usr/share/wordnet/data.noun},
 * {@code data.verb}, {@code data.adj}, {@code data.adv}: 117,659 synsets; WordNet 3.0 licence,
 * free to use and redistribute with its notice). Lines that start with spaces are the licence
 * header; a data line is {@code offset lex_filenum ss_type w_cnt word lex_id ... | gloss}.
 */
public final class WordNetGlosses {
    /** Where {@code apt-get install wordnet-base} puts the database. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/wordnet");
    static final String[][] PARTS = {{"data.noun", "noun"}, {"data.verb", "verb"}, {"data.adj", "adjective"}, {"data.adv", "adverb"}};

    private WordNetGlosses() {
    }

    /** Every synset of the four data files under {@code dir}, in file order (noun, verb, adjective, adverb). */
    public static List<String> read(Path dir) {
        List<String> out = new ArrayList<>(120_000);
        for (String[] part : PARTS) {
            Path file = dir.resolve(part[0]);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("no WordNet database at " + file + " (apt-get install wordnet-base, or --corpus DIR)");
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (!line.isEmpty() && line.charAt(0) != ' ') {
                        out.add(passage(line, part[1], file, lineNo));
                    }
                }
            } catch (IOException e) {
                throw new BadInputException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The data files' fingerprints, so a cached dataset knows which WordNet it was built from. */
    public static String fingerprint(Path dir) {
        StringBuilder sb = new StringBuilder("wordnet");
        for (String[] part : PARTS) {
            sb.append(' ').append(part[0]).append('=').append(FileFingerprint.of(dir.resolve(part[0])));
        }
        return sb.toString();
    }

    /** {@code "word, other word (noun): gloss"} from one data line. */
    static String passage(String line, String partOfSpeech, Path file, int lineNo) {
        int bar = line.indexOf(" | ");
        String[] f = (bar < 0 ? line : line.substring(0, bar)).split(" ");
        if (bar < 0 || f.length < 6) {
            throw new BadInputException(file + ":" + lineNo + ": not a WordNet data line");
        }
        int words;
        try {
            words = Integer.parseInt(f[3], 16);
        } catch (NumberFormatException e) {
            throw new BadInputException(file + ":" + lineNo + ": bad word count '" + f[3] + "'");
        }
        if (words < 1 || 4 + 2 * words > f.length) {
            throw new BadInputException(file + ":" + lineNo + ": word count " + words + " does not fit the line");
        }
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            // adjectives may carry a syntactic marker such as "(a)" or "(p)"; lemmas use _ for spaces
            String word = f[4 + 2 * w].replaceAll("\\((a|p|ip)\\)$", "").replace('_', ' ');
            sb.append(w == 0 ? "" : ", ").append(word);
        }
        return sb.append(" (").append(partOfSpeech).append("): ").append(definitionAndFirstExample(line.substring(bar + 3))).toString();
    }

    /**
     * The gloss's definitions and its first quoted example; further examples are left out, which
     * keeps passages near 25 tokens (the embedding cost grows with the length).
     */
    static String definitionAndFirstExample(String gloss) {
        StringBuilder sb = new StringBuilder();
        boolean example = false;
        for (String part : gloss.trim().split(";\\s*")) {
            boolean isExample = part.startsWith("\"");
            if (part.isBlank() || isExample && example) {
                continue;
            }
            example |= isExample;
            sb.append(sb.length() == 0 ? "" : "; ").append(part.trim());
        }
        return sb.toString();
    }
}
