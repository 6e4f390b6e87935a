package io.milvusbench.dataset.text;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WordNet data lines (copied from WordNet 3.0's data files) become passages; the licence header is skipped. */
class WordNetGlossesTest {
    static final String ADJ = "00001740 00 a 01 able 0 005 = 05200169 n 0000 = 05616246 n 0000 + 05616246 n 0101 + 05200169 n 0101 "
            + "! 00002098 a 0101 | (usually followed by `to') having the necessary means or skill or know-how or authority to do "
            + "something; \"able to swim\"; \"she was able to program her computer\"  ";
    static final String NOUN = "02084071 05 n 03 dog 0 domestic_dog 0 Canis_familiaris 0 001 @ 02083346 n 0000 | a member of the "
            + "genus Canis (probably descended from the common wolf) that has been domesticated by man since prehistoric times; "
            + "\"the dog barked all night\"  ";
    static final String ADJ_MARKER = "00013887 00 s 02 ascending(a) 0 rising(a) 0 001 & 00013662 a 0000 | moving or going or "
            + "growing upward; \"the ascending plane\"  ";

    @Test
    void passageHasWordsPartOfSpeechDefinitionAndFirstExample() {
        assertEquals("able (adjective): (usually followed by `to') having the necessary means or skill or know-how or authority "
                + "to do something; \"able to swim\"", WordNetGlosses.passage(ADJ, "adjective", Path.of("data.adj"), 1));
        assertEquals("dog, domestic dog, Canis familiaris (noun): a member of the genus Canis (probably descended from the common "
                        + "wolf) that has been domesticated by man since prehistoric times; \"the dog barked all night\"",
                WordNetGlosses.passage(NOUN, "noun", Path.of("data.noun"), 1));
        assertEquals("ascending, rising (adjective): moving or going or growing upward; \"the ascending plane\"",
                WordNetGlosses.passage(ADJ_MARKER, "adjective", Path.of("data.adj"), 1));
    }

    @Test
    void readsTheFourFilesAndSkipsTheLicenceHeader(@TempDir Path dir) throws Exception {
        writeCorpus(dir, 3);
        List<String> passages = WordNetGlosses.read(dir);
        assertEquals(12, passages.size());
        assertTrue(passages.get(0).startsWith("noun0 (noun): "), passages.get(0));
        assertTrue(passages.get(11).startsWith("adverb2 (adverb): "), passages.get(11));
        assertTrue(WordNetGlosses.fingerprint(dir).startsWith("wordnet data.noun=size-"));
    }

    @Test
    void missingOrBrokenFilesAreBadInput(@TempDir Path dir) throws Exception {
        BadInputException missing = assertThrows(BadInputException.class, () -> WordNetGlosses.read(dir));
        assertTrue(missing.getMessage().contains("apt-get install wordnet-base"), missing.getMessage());
        assertThrows(BadInputException.class, () -> WordNetGlosses.passage("00001740 00 a zz able 0 000 | x", "adjective",
                Path.of("data.adj"), 7));
        assertThrows(BadInputException.class, () -> WordNetGlosses.passage("no gloss here", "noun", Path.of("data.noun"), 1));
    }

    /** A WordNet-shaped corpus of {@code perFile} synsets per part of speech, with distinct made-up glosses. */
    static void writeCorpus(Path dir, int perFile) throws Exception {
        String[][] parts = {{"data.noun", "n", "noun"}, {"data.verb", "v", "verb"}, {"data.adj", "a", "adjective"},
                {"data.adv", "r", "adverb"}};
        String[] topics = {"water", "fire", "music", "stone", "river", "song", "metal", "light", "storm", "bread", "horse", "ship"};
        int n = 0;
        for (String[] p : parts) {
            StringBuilder sb = new StringBuilder("  1 This software and database is being provided to you, the LICENSEE\n");
            for (int i = 0; i < perFile; i++, n++) {
                String topic = topics[n % topics.length];
                sb.append(String.format("%08d 00 %s 01 %s%d 0 000 | something about %s number %d; \"a %s example\"; \"more\"  %n",
                        n + 1, p[1], p[2], i, topic, n, topic));
            }
            Files.writeString(dir.resolve(p[0]), sb.toString());
        }
    }
}
